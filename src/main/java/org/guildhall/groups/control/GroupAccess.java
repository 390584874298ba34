package org.guildhall.groups.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.guildhall.groups.entity.Group;
import org.guildhall.groups.entity.Membership;
import org.guildhall.groups.entity.Role;
import org.guildhall.groups.entity.Visibility;
import org.guildhall.identity.entity.Caller;

/**
 * The one place that decides who may do what in a group. Every read and every change in every
 * component asks here; the rules themselves are {@link #permits}, a pure function the unit
 * tests walk through completely. Memberships are read from the database on every question, so
 * a membership ended a moment ago counts at once.
 */
@ApplicationScoped
public class GroupAccess {

    public enum Action {
        /** See the group, its content and its members. */
        READ,
        /** Become a member, or ask to. */
        JOIN,
        /** Add documents. */
        UPLOAD,
        /** Post announcements. */
        POST,
        /** Change members, roles and settings. */
        MANAGE
    }

    @PersistenceContext
    EntityManager em;

    public boolean may(Caller caller, Action action, Group group) {
        return permits(action, caller, group, roleOf(caller, group).orElse(null));
    }

    /** The caller's approved role in the group, if any. */
    public Optional<Role> roleOf(Caller caller, Group group) {
        if (caller.isAnonymous()) {
            return Optional.empty();
        }
        return em.createNamedQuery(Membership.OF, Membership.class)
                .setParameter("group", group.getId())
                .setParameter("account", caller.accountId())
                .getResultStream().findFirst()
                .filter(Membership::isApproved)
                .map(Membership::getRole);
    }

    /** The ids of every group the caller may read: what search and listings filter by. */
    public List<Long> readableGroupIds(Caller caller) {
        if (caller.admin()) {
            return em.createQuery("select g.id from Group g", Long.class).getResultList();
        }
        return em.createQuery("select g.id from Group g where g.visibility = :public"
                        + " or exists (select m from Membership m where m.group = g and m.account.id = :account and m.status = :active)", Long.class)
                .setParameter("public", Visibility.PUBLIC)
                .setParameter("active", Membership.Status.ACTIVE)
                .setParameter("account", caller.isAnonymous() ? -1L : caller.accountId())
                .getResultList();
    }

    /**
     * A group the caller may read, and the caller's approved role there: null for a public group
     * they do not belong to; {@link Role#COMMITTEE} in every group for administrators, who read all.
     */
    public record Standing(long groupId, Role role) {
    }

    /**
     * Every group the caller may read with their role there, in one query: search asks this on
     * every request, and three queries (readable, member, committee) were 5% of a search's time
     * in the benchmark (issue 6). Read from the database each time, like every question here.
     */
    public List<Standing> standings(Caller caller) {
        if (caller.admin()) {
            return em.createQuery("select g.id from Group g", Long.class).getResultStream()
                    .map(id -> new Standing(id, Role.COMMITTEE)).toList();
        }
        return em.createQuery("select g.id, m.role from Group g left join Membership m"
                        + " on m.group = g and m.account.id = :account and m.status = :active"
                        + " where g.visibility = :public or m.id is not null", Object[].class)
                .setParameter("public", Visibility.PUBLIC)
                .setParameter("active", Membership.Status.ACTIVE)
                .setParameter("account", caller.isAnonymous() ? -1L : caller.accountId())
                .getResultStream()
                .map(row -> new Standing((Long) row[0], (Role) row[1]))
                .toList();
    }

    /**
     * The rules. {@code role} is the caller's approved role in the group, or null for none
     * (a pending join request grants nothing).
     */
    public static boolean permits(Action action, Caller caller, Group group, Role role) {
        if (caller.admin()) {
            return true;
        }
        boolean readable = group.getVisibility() == Visibility.PUBLIC || role != null;
        return switch (action) {
            case READ -> readable;
            case JOIN -> readable && !caller.isAnonymous() && role == null;
            case UPLOAD -> role == Role.COMMITTEE || (role == Role.MEMBER && group.isMembersMayUpload());
            case POST, MANAGE -> role == Role.COMMITTEE;
        };
    }
}
