package org.guildhall.groups.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import org.guildhall.groups.control.GroupException;
import org.guildhall.groups.control.Groups;
import org.guildhall.groups.control.NotAllowed;
import org.guildhall.groups.entity.Group;
import org.guildhall.groups.entity.JoinPolicy;
import org.guildhall.groups.entity.Role;
import org.guildhall.groups.entity.Visibility;
import org.guildhall.identity.boundary.CurrentAccount;
import org.guildhall.identity.control.Accounts;

/** The administrators' "new group" page; the first committee member can be named at once. */
@Named
@RequestScoped
public class NewGroup {

    @Inject
    Groups groups;

    @Inject
    CurrentAccount currentAccount;

    @Inject
    Accounts accounts;

    @Inject
    FacesContext faces;

    private String slug;
    private String name;
    private String description;
    private Visibility visibility = Visibility.PUBLIC;
    private JoinPolicy joinPolicy = JoinPolicy.OPEN;
    private String committee;

    public void create() throws IOException {
        try {
            // checked first: a group must not be created without the committee member it was meant to have
            if (committee != null && !committee.isBlank() && accounts.find(committee).isEmpty()) {
                throw new GroupException("There is no account '" + committee.trim() + "'.");
            }
            Group group = groups.create(currentAccount.caller(), slug, name, description, visibility, joinPolicy);
            if (committee != null && !committee.isBlank()) {
                groups.add(currentAccount.caller(), group.getSlug(), committee, Role.COMMITTEE);
            }
            faces.getExternalContext().getFlash().setKeepMessages(true);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Group " + group.getName() + " created.", null));
            faces.getExternalContext().redirect(faces.getExternalContext().getRequestContextPath() + "/groups/group.xhtml?slug=" + group.getSlug());
        } catch (NotAllowed | GroupException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        }
    }

    public Visibility[] getVisibilities() {
        return Visibility.values();
    }

    public JoinPolicy[] getJoinPolicies() {
        return JoinPolicy.values();
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
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

    public String getCommittee() {
        return committee;
    }

    public void setCommittee(String committee) {
        this.committee = committee;
    }
}
