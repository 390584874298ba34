package org.guildhall.groups.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.guildhall.groups.control.GroupException;
import org.guildhall.groups.control.GroupNotFound;
import org.guildhall.groups.control.GroupSummary;
import org.guildhall.groups.control.Groups;
import org.guildhall.groups.control.NotAllowed;
import org.guildhall.groups.entity.JoinPolicy;
import org.guildhall.groups.entity.Membership;
import org.guildhall.identity.boundary.CurrentAccount;
import org.guildhall.identity.entity.Caller;

/** The group directory: every group the viewer may read, with a join button that fits its policy and the viewer. */
@Named
@ViewScoped
public class GroupDirectory implements Serializable {

    @Inject
    transient Groups groups;

    @Inject
    transient CurrentAccount currentAccount;

    @Inject
    transient FacesContext faces;

    private List<Row> rows;

    @PostConstruct
    void init() {
        load();
    }

    private void load() {
        Caller caller = currentAccount.caller();
        Map<Long, Membership> mine = groups.membershipsOfIncludingRequests(caller).stream()
                .collect(Collectors.toMap(m -> m.getGroup().getId(), Function.identity()));
        rows = groups.directory(caller).stream().map(s -> new Row(s, JoinButton.of(caller, s.group().getJoinPolicy(), mine.get(s.group().getId())))).toList();
    }

    public void join(String slug) {
        try {
            Membership membership = groups.join(currentAccount.caller(), slug);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, membership.isApproved()
                    ? "Welcome to " + membership.getGroup().getName() + "."
                    : "Your request to join " + membership.getGroup().getName() + " is with its committee.", null));
        } catch (NotAllowed | GroupException | GroupNotFound e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        }
        load();
    }

    public List<Row> getRows() {
        return rows;
    }

    /** One directory line. */
    public record Row(GroupSummary summary, JoinButton join) implements Serializable {
    }

    /** What the viewer can do about joining, as a label and whether it is a button. */
    public record JoinButton(String label, boolean actionable) implements Serializable {

        static JoinButton of(Caller caller, JoinPolicy policy, Membership membership) {
            if (membership != null) {
                return new JoinButton(membership.isApproved() ? "Member" : "Requested", false);
            }
            if (caller.isAnonymous()) {
                return new JoinButton("Log in to join", false);
            }
            return switch (policy) {
                case OPEN -> new JoinButton("Join", true);
                case REQUEST -> new JoinButton("Ask to join", true);
                case INVITE -> new JoinButton("By invitation", false);
            };
        }
    }
}
