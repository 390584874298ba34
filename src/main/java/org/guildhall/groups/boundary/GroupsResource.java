package org.guildhall.groups.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.guildhall.groups.control.GroupAccess;
import org.guildhall.groups.control.GroupException;
import org.guildhall.groups.control.Groups;
import org.guildhall.groups.entity.Group;
import org.guildhall.groups.entity.JoinPolicy;
import org.guildhall.groups.entity.Membership;
import org.guildhall.groups.entity.Role;
import org.guildhall.groups.entity.Visibility;
import org.guildhall.identity.boundary.CurrentAccount;
import org.guildhall.identity.entity.Caller;

/** Groups and memberships as JSON. A group the caller may not read answers 404, like one that does not exist. */
@Path("groups")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Groups")
@SecurityRequirement(name = "token")
public class GroupsResource {

    @Inject
    Groups groups;

    @Inject
    GroupAccess access;

    @Inject
    CurrentAccount currentAccount;

    @GET
    @Operation(summary = "The groups the caller may read, with member counts")
    public List<GroupView> list() {
        Caller caller = currentAccount.caller();
        return groups.directory(caller).stream().map(s -> view(caller, s.group(), s.memberCount())).toList();
    }

    @POST
    @Operation(summary = "Create a group (administrators)")
    public Response create(GroupSettings settings) {
        GroupSettings input = require(settings);
        Group group = groups.create(currentAccount.caller(), input.slug(), input.name(), input.description(),
                input.visibility(), input.joinPolicy());
        return Response.status(Response.Status.CREATED).entity(view(currentAccount.caller(), group, 0)).build();
    }

    @GET
    @Path("{slug}")
    @Operation(summary = "One group")
    public GroupView get(@PathParam("slug") String slug) {
        Caller caller = currentAccount.caller();
        Group group = groups.readable(caller, slug);
        return view(caller, group, groups.members(caller, slug).stream().filter(Membership::isApproved).count());
    }

    @PUT
    @Path("{slug}")
    @Operation(summary = "Change a group's settings (its committee, administrators)")
    public GroupView update(@PathParam("slug") String slug, GroupSettings settings) {
        GroupSettings input = require(settings);
        Caller caller = currentAccount.caller();
        Group group = groups.updateSettings(caller, slug, input.name(), input.description(), input.visibility(),
                input.joinPolicy(), Boolean.TRUE.equals(input.membersMayUpload()));
        return view(caller, group, groups.members(caller, slug).stream().filter(Membership::isApproved).count());
    }

    @GET
    @Path("{slug}/members")
    @Operation(summary = "Members and roles; the committee also sees pending join requests")
    public List<MemberView> members(@PathParam("slug") String slug) {
        return groups.members(currentAccount.caller(), slug).stream().map(MemberView::of).toList();
    }

    @POST
    @Path("{slug}/members")
    @Operation(summary = "Add an account as member or committee (its committee, administrators)")
    public Response add(@PathParam("slug") String slug, NewMember member) {
        if (member == null || member.username() == null) {
            throw new GroupException("Name the account to add: {\"username\": \"…\", \"role\": \"MEMBER\"}.");
        }
        Membership added = groups.add(currentAccount.caller(), slug, member.username(), member.role());
        return Response.status(Response.Status.CREATED).entity(MemberView.of(added)).build();
    }

    @POST
    @Path("{slug}/join")
    @Operation(summary = "Join an OPEN group, or ask to join a REQUEST group")
    public MemberView join(@PathParam("slug") String slug) {
        return MemberView.of(groups.join(currentAccount.caller(), slug));
    }

    @DELETE
    @Path("{slug}/join")
    @Operation(summary = "Leave a group, or withdraw a request")
    public Response leave(@PathParam("slug") String slug) {
        groups.leave(currentAccount.caller(), slug);
        return Response.noContent().build();
    }

    @POST
    @Path("{slug}/members/{id}/approve")
    @Operation(summary = "Approve a join request (its committee, administrators)")
    public Response approve(@PathParam("slug") String slug, @PathParam("id") long id) {
        groups.approve(currentAccount.caller(), slug, id);
        return Response.noContent().build();
    }

    @PUT
    @Path("{slug}/members/{id}")
    @Operation(summary = "Change a member's role (its committee, administrators)")
    public Response changeRole(@PathParam("slug") String slug, @PathParam("id") long id, NewMember member) {
        if (member == null || member.role() == null) {
            throw new GroupException("Give the new role: {\"role\": \"COMMITTEE\"}.");
        }
        groups.changeRole(currentAccount.caller(), slug, id, member.role());
        return Response.noContent().build();
    }

    @DELETE
    @Path("{slug}/members/{id}")
    @Operation(summary = "Decline a request or remove a member (its committee, administrators)")
    public Response remove(@PathParam("slug") String slug, @PathParam("id") long id) {
        groups.remove(currentAccount.caller(), slug, id);
        return Response.noContent().build();
    }

    private GroupView view(Caller caller, Group group, long memberCount) {
        Role role = access.roleOf(caller, group).orElse(null);
        return new GroupView(group.getSlug(), group.getName(), group.getDescription(), group.getVisibility(),
                group.getJoinPolicy(), group.isMembersMayUpload(), memberCount, role);
    }

    private static GroupSettings require(GroupSettings settings) {
        if (settings == null) {
            throw new GroupException("Send the group as JSON: slug, name, description, visibility, joinPolicy.");
        }
        return settings;
    }

    /** A group as the API shows it; {@code myRole} is the caller's role, null for none. */
    public record GroupView(String slug, String name, String description, Visibility visibility, JoinPolicy joinPolicy,
            boolean membersMayUpload, long memberCount, Role myRole) {
    }

    /** What a client sends to create or change a group. */
    public record GroupSettings(String slug, String name, String description, Visibility visibility, JoinPolicy joinPolicy,
            Boolean membersMayUpload) {
    }

    /** What a client sends to add a member or change a role. */
    public record NewMember(String username, Role role) {
    }

    /** A membership as the API shows it; {@code approved} false is a pending join request. */
    public record MemberView(long id, String username, String displayName, Role role, boolean approved) {
        static MemberView of(Membership m) {
            return new MemberView(m.getId(), m.getAccount().getUsername(), m.getAccount().getDisplayName(), m.getRole(), m.isApproved());
        }
    }
}
