package org.guildhall.groups.boundary;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.guildhall.groups.control.Groups;
import org.guildhall.groups.entity.Group;
import org.guildhall.groups.entity.JoinPolicy;
import org.guildhall.groups.entity.Role;
import org.guildhall.groups.entity.Visibility;
import org.guildhall.identity.boundary.CurrentAccount;

/**
 * The committee's tools on the group page: requests, members, roles and settings. Each action
 * goes through {@link Groups}, which checks the caller's right to manage this very group; the
 * membership ids the page posts back are only honoured within it.
 */
@Named
@ViewScoped
public class GroupManagement implements Serializable {

    @Inject
    transient Groups groups;

    @Inject
    transient CurrentAccount currentAccount;

    @Inject
    GroupPage page;

    private String newMember;
    private Role newMemberRole = Role.MEMBER;
    private String name;
    private String description;
    private Visibility visibility;
    private JoinPolicy joinPolicy;
    private boolean membersMayUpload;

    /** Copies the current settings into the form (view action, after the page loaded). */
    public void load() {
        Group group = page.getGroup();
        if (group != null) {
            name = group.getName();
            description = group.getDescription();
            visibility = group.getVisibility();
            joinPolicy = group.getJoinPolicy();
            membersMayUpload = group.isMembersMayUpload();
        }
    }

    public void approve(long membershipId) {
        page.act(() -> {
            groups.approve(currentAccount.caller(), page.getSlug(), membershipId);
            return "Request approved.";
        });
    }

    public void remove(long membershipId) {
        page.act(() -> {
            groups.remove(currentAccount.caller(), page.getSlug(), membershipId);
            return "Done: that person is no longer in the group.";
        });
    }

    public void makeCommittee(long membershipId) {
        page.act(() -> {
            groups.changeRole(currentAccount.caller(), page.getSlug(), membershipId, Role.COMMITTEE);
            return "Now on the committee.";
        });
    }

    public void makeMember(long membershipId) {
        page.act(() -> {
            groups.changeRole(currentAccount.caller(), page.getSlug(), membershipId, Role.MEMBER);
            return "Now an ordinary member.";
        });
    }

    public void add() {
        page.act(() -> {
            groups.add(currentAccount.caller(), page.getSlug(), newMember, newMemberRole);
            String added = newMember;
            newMember = null;
            return added + " is now in the group.";
        });
    }

    public void saveSettings() {
        page.act(() -> {
            groups.updateSettings(currentAccount.caller(), page.getSlug(), name, description, visibility, joinPolicy, membersMayUpload);
            return "Settings saved.";
        });
    }

    public Visibility[] getVisibilities() {
        return Visibility.values();
    }

    public JoinPolicy[] getJoinPolicies() {
        return JoinPolicy.values();
    }

    public Role[] getRoles() {
        return Role.values();
    }

    public String getNewMember() {
        return newMember;
    }

    public void setNewMember(String newMember) {
        this.newMember = newMember;
    }

    public Role getNewMemberRole() {
        return newMemberRole;
    }

    public void setNewMemberRole(Role newMemberRole) {
        this.newMemberRole = newMemberRole;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public Visibility getVisibility() {
        return visibility;
    }

    public void setVisibility(Visibility visibility) {
        this.visibility = visibility;
    }

    public JoinPolicy getJoinPolicy() {
        return joinPolicy;
    }

    public void setJoinPolicy(JoinPolicy joinPolicy) {
        this.joinPolicy = joinPolicy;
    }

    public boolean isMembersMayUpload() {
        return membersMayUpload;
    }

    public void setMembersMayUpload(boolean membersMayUpload) {
        this.membersMayUpload = membersMayUpload;
    }
}
