package org.guildhall.groups.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.guildhall.groups.control.GroupAccess.Action;
import org.guildhall.groups.entity.Group;
import org.guildhall.groups.entity.JoinPolicy;
import org.guildhall.groups.entity.Membership;
import org.guildhall.groups.entity.Role;
import org.guildhall.groups.entity.Visibility;
import org.guildhall.identity.entity.Account;
import org.guildhall.identity.entity.Caller;

/**
 * What callers do with groups, each operation authorised through {@link GroupAccess} before
 * it touches anything. Pages and the API both come through here, so they cannot disagree.
 */
@ApplicationScoped
@Transactional
public class Groups {

    /** Not a group's: the site-wide board's name in search. */
    public static final String RESERVED_SLUG = "site";

    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

    @PersistenceContext
    EntityManager em;

    @Inject
    GroupAccess access;

    /** The group, if the caller may read it; otherwise {@link GroupNotFound}, as if it did not exist. */
    public Group readable(Caller caller, String slug) {
        // no refusal text: whoever may not read gets GroupNotFound before it would be used
        return readableFor(caller, slug, Action.READ, "");
    }

    /**
     * As {@link #readable(Caller, String)}, for a caller about to do {@code action} there: one
     * membership look-up answers both questions (an upload asked it twice, issue 6).
     *
     * @throws GroupNotFound when the caller may not read the group
     * @throws NotAllowed    {@code refusal}, when they may read it but not do this
     */
    public Group readableFor(Caller caller, String slug, Action action, String refusal) {
        Group group = find(slug).orElseThrow(GroupNotFound::new);
        Role role = access.roleOf(caller, group).orElse(null);
        if (!GroupAccess.permits(Action.READ, caller, group, role)) {
            throw new GroupNotFound();
        }
        if (!GroupAccess.permits(action, caller, group, role)) {
            throw new NotAllowed(refusal);
        }
        return group;
    }

    Optional<Group> find(String slug) {
        // anything that cannot be a slug (a NUL byte, say, which PostgreSQL refuses) is simply not found
        if (slug == null || !SLUG.matcher(slug).matches()) {
            return Optional.empty();
        }
        return em.createNamedQuery(Group.BY_SLUG, Group.class).setParameter("slug", slug).getResultStream().findFirst();
    }

    /** Every group the caller may read, by name, with its member count. */
    public List<GroupSummary> directory(Caller caller) {
        List<Long> readable = access.readableGroupIds(caller);
        if (readable.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select g, (select count(m) from Membership m where m.group = g and m.status = :active)"
                        + " from Group g where g.id in :ids order by g.name", Object[].class)
                .setParameter("ids", readable)
                .setParameter("active", Membership.Status.ACTIVE)
                .getResultStream()
                .map(row -> new GroupSummary((Group) row[0], ((Number) row[1]).longValue()))
                .toList();
    }

    /** The groups the caller belongs to (approved), by name. */
    public List<Membership> membershipsOf(Caller caller) {
        if (caller.isAnonymous()) {
            return List.of();
        }
        return em.createNamedQuery(Membership.OF_ACCOUNT, Membership.class).setParameter("account", caller.accountId())
                .setParameter("active", Membership.Status.ACTIVE).getResultList();
    }

    /** The caller's memberships and pending requests, to show where they stand in each group. */
    public List<Membership> membershipsOfIncludingRequests(Caller caller) {
        if (caller.isAnonymous()) {
            return List.of();
        }
        return em.createQuery("select m from Membership m where m.account.id = :account", Membership.class)
                .setParameter("account", caller.accountId()).getResultList();
    }

    public Optional<Membership> membershipOf(Caller caller, Group group) {
        if (caller.isAnonymous()) {
            return Optional.empty();
        }
        return em.createNamedQuery(Membership.OF, Membership.class)
                .setParameter("group", group.getId()).setParameter("account", caller.accountId())
                .getResultStream().findFirst();
    }

    /** Members (approved first, committee before members) and pending requests of a readable group. */
    public List<Membership> members(Caller caller, String slug) {
        Group group = readable(caller, slug);
        List<Membership> all = em.createNamedQuery(Membership.OF_GROUP, Membership.class).setParameter("group", group.getId()).getResultList();
        boolean manager = access.may(caller, Action.MANAGE, group);
        return all.stream().filter(m -> m.isApproved() || manager).toList();
    }

    public Group create(Caller caller, String slug, String name, String description, Visibility visibility, JoinPolicy policy) {
        if (!caller.admin()) {
            throw new NotAllowed("Only administrators create groups.");
        }
        String cleanSlug = slug == null ? "" : slug.trim().toLowerCase(Locale.ROOT);
        if (!SLUG.matcher(cleanSlug).matches()) {
            throw new GroupException("A short name has 1 to 64 lower-case letters, digits and inner hyphens, such as 'health-libraries'.");
        }
        // search files site-wide announcements under the pseudo group "site"
        if (cleanSlug.equals(RESERVED_SLUG)) {
            throw new GroupException("The short name '" + RESERVED_SLUG + "' is reserved for the site-wide board.");
        }
        if (find(cleanSlug).isPresent()) {
            throw new GroupException("The short name '" + cleanSlug + "' is taken.");
        }
        Group group = new Group(cleanSlug, requireName(name), trimToNull(description),
                visibility == null ? Visibility.PUBLIC : visibility, policy == null ? JoinPolicy.OPEN : policy);
        em.persist(group);
        return group;
    }

    public Group updateSettings(Caller caller, String slug, String name, String description, Visibility visibility,
            JoinPolicy policy, boolean membersMayUpload) {
        Group group = managed(caller, slug);
        group.setName(requireName(name));
        group.setDescription(trimToNull(description));
        group.setVisibility(visibility == null ? group.getVisibility() : visibility);
        group.setJoinPolicy(policy == null ? group.getJoinPolicy() : policy);
        group.setMembersMayUpload(membersMayUpload);
        return group;
    }

    /** Joins an OPEN group at once, or asks to join a REQUEST group. */
    public Membership join(Caller caller, String slug) {
        Group group = readable(caller, slug);
        if (caller.isAnonymous()) {
            throw new NotAllowed("Log in to join a group.");
        }
        Optional<Membership> existing = membershipOf(caller, group);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (!access.may(caller, Action.JOIN, group)) {
            throw new NotAllowed("You cannot join this group.");
        }
        boolean immediate = group.getJoinPolicy() == JoinPolicy.OPEN || caller.admin();
        if (group.getJoinPolicy() == JoinPolicy.INVITE && !caller.admin()) {
            throw new NotAllowed("This group's committee adds its members; ask one of them.");
        }
        Membership membership = new Membership(group, em.getReference(Account.class, caller.accountId()), Role.MEMBER, immediate);
        em.persist(membership);
        return membership;
    }

    /** Leaves a group, or withdraws a request. The last committee member cannot leave. */
    public void leave(Caller caller, String slug) {
        Group group = readable(caller, slug);
        Membership membership = membershipOf(caller, group).orElseThrow(() -> new GroupException("You are not a member of this group."));
        requireAnotherCommittee(membership);
        em.remove(membership);
    }

    /** The committee (or an administrator) adds an account directly, whatever the join policy. */
    public Membership add(Caller caller, String slug, String username, Role role) {
        Group group = managed(caller, slug);
        Account account = em.createNamedQuery(Account.BY_USERNAME, Account.class)
                .setParameter("username", username == null ? "" : username.trim().toLowerCase(Locale.ROOT))
                .getResultStream().findFirst()
                .orElseThrow(() -> new GroupException("There is no account '" + username + "'."));
        Optional<Membership> existing = membershipOf(Caller.of(account), group);
        if (existing.isPresent()) {
            existing.get().approve();
            existing.get().setRole(role == null ? existing.get().getRole() : role);
            return existing.get();
        }
        Membership membership = new Membership(group, account, role == null ? Role.MEMBER : role, true);
        em.persist(membership);
        return membership;
    }

    public void approve(Caller caller, String slug, long membershipId) {
        membershipIn(managed(caller, slug), membershipId).approve();
    }

    /** Declines a request or removes a member. */
    public void remove(Caller caller, String slug, long membershipId) {
        Membership membership = membershipIn(managed(caller, slug), membershipId);
        requireAnotherCommittee(membership);
        em.remove(membership);
    }

    public void changeRole(Caller caller, String slug, long membershipId, Role role) {
        Membership membership = membershipIn(managed(caller, slug), membershipId);
        if (role != Role.COMMITTEE) {
            requireAnotherCommittee(membership);
        }
        membership.setRole(role);
    }

    private Group managed(Caller caller, String slug) {
        Group group = readable(caller, slug);
        if (!access.may(caller, Action.MANAGE, group)) {
            throw new NotAllowed("Only this group's committee and administrators manage it.");
        }
        return group;
    }

    /** A membership of this group; an id from another group is treated as unknown, whatever it is. */
    private Membership membershipIn(Group group, long membershipId) {
        Membership membership = em.find(Membership.class, membershipId);
        if (membership == null || !membership.getGroup().getId().equals(group.getId())) {
            throw new GroupException("That membership no longer exists.");
        }
        return membership;
    }

    private void requireAnotherCommittee(Membership membership) {
        if (membership.getRole() != Role.COMMITTEE || !membership.isApproved()) {
            return;
        }
        long committee = em.createQuery("select count(m) from Membership m where m.group = :group and m.role = :role and m.status = :active", Long.class)
                .setParameter("group", membership.getGroup()).setParameter("role", Role.COMMITTEE).setParameter("active", Membership.Status.ACTIVE).getSingleResult();
        if (committee <= 1) {
            throw new GroupException("A group keeps at least one committee member; appoint another first.");
        }
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank() || name.trim().length() > 200) {
            throw new GroupException("A group needs a name of up to 200 characters.");
        }
        return name.trim();
    }

    private static String trimToNull(String text) {
        if (text != null && text.trim().length() > 4000) {
            throw new GroupException("A description has at most 4,000 characters.");
        }
        return text == null || text.isBlank() ? null : text.trim();
    }
}
