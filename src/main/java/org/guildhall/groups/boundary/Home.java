package org.guildhall.groups.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.guildhall.groups.control.Groups;
import org.guildhall.groups.entity.Membership;
import org.guildhall.identity.boundary.CurrentAccount;

/** The home page: the member's own groups, or an invitation to look around. */
@Named
@RequestScoped
public class Home {

    @Inject
    Groups groups;

    @Inject
    CurrentAccount currentAccount;

    private List<Membership> myGroups;

    @PostConstruct
    void init() {
        myGroups = groups.membershipsOf(currentAccount.caller());
    }

    public List<Membership> getMyGroups() {
        return myGroups;
    }

    public boolean isHasGroups() {
        return !myGroups.isEmpty();
    }
}
