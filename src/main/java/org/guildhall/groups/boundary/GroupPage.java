package org.guildhall.groups.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.guildhall.groups.control.GroupAccess;
import org.guildhall.groups.control.GroupAccess.Action;
import org.guildhall.groups.control.GroupException;
import org.guildhall.groups.control.GroupNotFound;
import org.guildhall.groups.control.Groups;
import org.guildhall.groups.control.NotAllowed;
import org.guildhall.groups.entity.Group;
import org.guildhall.groups.entity.JoinPolicy;
import org.guildhall.groups.entity.Membership;
import org.guildhall.identity.boundary.CurrentAccount;
import org.guildhall.identity.entity.Caller;

/**
 * The group page and its sections. A group the viewer may not read is a 404, the same page
 * as for a slug that never existed.
 */
@Named
@ViewScoped
public class GroupPage implements Serializable {

    @Inject
    transient Groups groups;

    @Inject
    transient GroupAccess access;

    @Inject
    transient CurrentAccount currentAccount;

    @Inject
    transient FacesContext faces;

    private String slug;
    private Group group;
    private Membership myMembership;
    private List<Membership> members;
    private boolean manager;
    private boolean canJoin;
    private boolean loaded;

    /** The view action: loads the group or answers 404. */
    public void load() throws IOException {
        loaded = true;
        try {
            refresh();
        } catch (GroupNotFound e) {
            faces.getExternalContext().responseSendError(404, "There is no such group.");
            faces.responseComplete();
        }
    }

    /**
     * Before every answer to a postback, AJAX included: a page loaded while its group was
     * readable holds its content, and must not show it again to someone who lost the right a
     * moment ago (removed from the group, say). Such a page goes to its own address, which
     * answers 404 as for anything they cannot see.
     */
    public void verify() throws IOException {
        if (!faces.isPostback() || group == null) {
            return;
        }
        try {
            groups.readable(currentAccount.caller(), group.getSlug());
        } catch (GroupNotFound e) {
            ExternalContext external = faces.getExternalContext();
            external.redirect(external.getRequestContextPath() + "/groups/group.xhtml?slug=" + group.getSlug());
            faces.responseComplete();
        }
    }

    void refresh() {
        Caller caller = currentAccount.caller();
        group = groups.readable(caller, slug);
        myMembership = groups.membershipOf(caller, group).orElse(null);
        members = groups.members(caller, slug);
        manager = access.may(caller, Action.MANAGE, group);
        canJoin = myMembership == null && access.may(caller, Action.JOIN, group)
                && (group.getJoinPolicy() != JoinPolicy.INVITE || caller.admin());
    }

    public void join() {
        act(() -> {
            Membership m = groups.join(currentAccount.caller(), slug);
            return m.isApproved() ? "Welcome to " + group.getName() + "." : "Your request to join is with the committee.";
        });
    }

    public void leave() {
        act(() -> {
            groups.leave(currentAccount.caller(), slug);
            return myMembership != null && myMembership.isApproved() ? "You have left " + group.getName() + "." : "Your request is withdrawn.";
        });
    }

    /** Runs a change, reports it, and re-reads the page's data; a group gone private meanwhile becomes a 404. */
    public void act(Change change) {
        try {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, change.run(), null));
        } catch (NotAllowed | GroupException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        } catch (GroupNotFound e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
            return;
        }
        try {
            refresh();
        } catch (GroupNotFound e) {
            group = null;
        }
    }

    /** A change made from the page, returning what to tell the user. */
    @FunctionalInterface
    public interface Change {
        String run();
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        // only the address the page was opened with names what it shows: a postback that sends the
        // parameter again, with another value, must not turn the page's forms onto something else
        if (!loaded) {
            this.slug = slug;
        }
    }

    public Group getGroup() {
        return group;
    }

    public List<Membership> getMembers() {
        return members.stream().filter(Membership::isApproved).toList();
    }

    public List<Membership> getRequests() {
        return members.stream().filter(m -> !m.isApproved()).toList();
    }

    public boolean isManager() {
        return manager;
    }

    public boolean isMember() {
        return myMembership != null && myMembership.isApproved();
    }

    public boolean isRequested() {
        return myMembership != null && !myMembership.isApproved();
    }

    public boolean isCanJoin() {
        return canJoin;
    }

    public String getJoinLabel() {
        return group != null && group.getJoinPolicy() == JoinPolicy.REQUEST && !currentAccount.isAdmin()
                ? "Ask to join" : "Join this group";
    }

    public String getMyRole() {
        return isMember() ? myMembership.getRole().name() : null;
    }
}
