package org.guildhall.announcements.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guildhall.announcements.entity.Announcement;
import org.guildhall.announcements.entity.AnnouncementRevision;
import org.guildhall.announcements.entity.Audience;
import org.guildhall.announcements.entity.Receipt;
import org.guildhall.groups.control.GroupAccess;
import org.guildhall.groups.control.GroupAccess.Action;
import org.guildhall.groups.control.Groups;
import org.guildhall.groups.control.NotAllowed;
import org.guildhall.groups.entity.Group;
import org.guildhall.groups.entity.Membership;
import org.guildhall.groups.entity.Role;
import org.guildhall.identity.entity.Account;
import org.guildhall.identity.entity.Caller;
import org.guildhall.platform.control.Clock;
import org.guildhall.platform.control.ContentChanges;
import org.guildhall.platform.entity.ContentChange;

/**
 * What callers do with announcements, each step authorised through {@link GroupAccess} (and
 * {@link AnnouncementRules} for the audience) first. An announcement the caller may not read,
 * or one still scheduled for a reader who cannot manage it, is {@link AnnouncementNotFound},
 * exactly as one that never existed. Times come from the portal {@link Clock}.
 * <p>
 * A group's board is its live announcements (published, not expired), pinned first, then
 * newest. Expired ones leave the board but stay readable on their own page (where search links)
 * and in the committee's archive, with those still scheduled.
 */
@ApplicationScoped
@Transactional
public class Announcements {

    static final int TITLE_MAX = 300;
    static final int BODY_MAX = 200_000;

    /** Newest first: when it was published, then the id for a stable order. */
    static final Comparator<Announcement> NEWEST = Comparator.comparing(Announcement::getPublishAt)
            .thenComparing(Announcement::getId).reversed();

    @PersistenceContext
    EntityManager em;

    @Inject
    Groups groups;

    @Inject
    GroupAccess access;

    @Inject
    ContentChanges changes;

    @Inject
    Clock clock;

    // --- posting and editing ---------------------------------------------------------------

    /** Whether the caller may post on this board ({@code slug} null: the site-wide board). */
    public boolean mayPost(Caller caller, String slug) {
        if (slug == null) {
            return caller.admin();
        }
        return access.may(caller, Action.POST, groups.readable(caller, slug));
    }

    public Announcement post(Caller caller, String slug, AnnouncementInput input) {
        Group group = slug == null ? null : groups.readable(caller, slug);
        if (!(group == null ? caller.admin() : access.may(caller, Action.POST, group))) {
            throw new NotAllowed(group == null ? "Only administrators post site-wide announcements."
                    : "Only this group's committee and administrators post announcements here.");
        }
        Instant now = clock.now();
        Announcement announcement = new Announcement(group, em.find(Account.class, caller.accountId()), now);
        write(announcement, input, now);
        em.persist(announcement);
        em.flush();
        changes.record(ContentChange.Kind.ANNOUNCEMENT, announcement.getId());
        return announcement;
    }

    /** Changes an announcement; the title and body it replaces stay visible to the committee. */
    public Announcement update(Caller caller, long id, AnnouncementInput input) {
        Announcement announcement = editable(caller, id);
        Instant now = clock.now();
        String title = announcement.getTitle();
        String body = announcement.getBody();
        // the version being replaced was written by whoever made the last edit, or by the author
        Account writtenBy = em.createQuery("select r.replacedBy from AnnouncementRevision r where r.announcement = :a"
                        + " order by r.replacedAt desc, r.id desc", Account.class)
                .setParameter("a", announcement).setMaxResults(1).getResultStream().findFirst().orElse(announcement.getAuthor());
        AnnouncementRevision previous = new AnnouncementRevision(announcement, writtenBy, em.find(Account.class, caller.accountId()), now);
        write(announcement, input, now);
        if (!title.equals(announcement.getTitle()) || !body.equals(announcement.getBody())) {
            em.persist(previous);
        }
        announcement.touch(now);
        changes.record(ContentChange.Kind.ANNOUNCEMENT, id);
        return announcement;
    }

    public void delete(Caller caller, long id) {
        em.remove(editable(caller, id));
        em.flush();
        changes.record(ContentChange.Kind.ANNOUNCEMENT, id);
    }

    private void write(Announcement announcement, AnnouncementInput input, Instant now) {
        if (input == null) {
            throw new AnnouncementException("Send a title and a body.");
        }
        String title = input.title() == null ? "" : input.title().replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]+", " ").replaceAll("\\s+", " ").strip();
        if (title.isEmpty() || title.length() > TITLE_MAX) {
            throw new AnnouncementException("An announcement needs a title of up to " + TITLE_MAX + " characters.");
        }
        if (input.body() != null && input.body().length() > BODY_MAX) {
            throw new AnnouncementException("The text is too long (at most " + BODY_MAX / 1000 + ",000 characters of HTML).");
        }
        String body = RichText.sanitize(input.body());
        Audience audience = input.audience() == null ? Audience.MEMBERS : input.audience();
        if (announcement.isSiteWide() && audience == Audience.COMMITTEE) {
            throw new AnnouncementException("A site-wide announcement is for everyone or for every signed-in member; there is no site-wide committee.");
        }
        Instant publishAt = input.publishAt() == null ? (announcement.getPublishAt() == null ? now : announcement.getPublishAt()) : input.publishAt();
        if (input.expiresAt() != null && !input.expiresAt().isAfter(publishAt)) {
            throw new AnnouncementException("An announcement must expire after it is published.");
        }
        announcement.write(title, body, audience, input.pinned(), input.requiresAcknowledgement(), publishAt, input.expiresAt());
    }

    // --- reading ---------------------------------------------------------------------------

    /** The announcement, if the caller may read it now: audience, and published unless they manage it. */
    public Announcement readable(Caller caller, long id) {
        Announcement announcement = em.find(Announcement.class, id);
        if (announcement == null || !admits(caller, announcement)
                || (!announcement.isPublished(clock.now()) && !mayManage(caller, announcement))) {
            throw new AnnouncementNotFound();
        }
        return announcement;
    }

    /** Posting rights where the announcement is: its group's committee and administrators; site-wide, administrators. */
    public boolean mayManage(Caller caller, Announcement announcement) {
        return announcement.isSiteWide() ? caller.admin() : access.may(caller, Action.POST, announcement.getGroup());
    }

    /** The committee (and administrators), and the author while they can still read it. */
    public boolean mayEdit(Caller caller, Announcement announcement) {
        return mayManage(caller, announcement)
                || (!caller.isAnonymous() && announcement.getAuthor().getId().equals(caller.accountId()) && admits(caller, announcement));
    }

    private Announcement editable(Caller caller, long id) {
        Announcement announcement = readable(caller, id);
        if (!mayEdit(caller, announcement)) {
            throw new NotAllowed("Only the committee, or whoever posted it, can change this announcement.");
        }
        return announcement;
    }

    private boolean admits(Caller caller, Announcement announcement) {
        if (announcement.isSiteWide()) {
            return AnnouncementRules.admits(announcement.getAudience(), true, caller, true, null);
        }
        Group group = announcement.getGroup();
        Optional<Role> role = access.roleOf(caller, group);
        return AnnouncementRules.admits(announcement.getAudience(), false, caller,
                GroupAccess.permits(Action.READ, caller, group, role.orElse(null)), role.orElse(null));
    }

    /** A board as the caller sees it now: live announcements they may read, pinned first, then newest. */
    public List<BoardItem> board(Caller caller, String slug) {
        Group group = slug == null ? null : groups.readable(caller, slug);
        List<Announcement> live = visible(caller, group == null ? boardQuery(null) : boardQuery(List.of(group.getId())));
        return items(caller, live, Comparator.comparing((BoardItem i) -> !i.announcement().isPinned())
                .thenComparing(BoardItem::announcement, NEWEST));
    }

    /** Live announcements of a board the caller may read, newest first: what its feed carries. */
    public List<Announcement> newest(Caller caller, String slug, int limit) {
        Group group = slug == null ? null : groups.readable(caller, slug);
        return visible(caller, boardQuery(group == null ? null : List.of(group.getId()))).stream().sorted(NEWEST).limit(limit).toList();
    }

    /** Everything live the caller may read, from every group they may read and the site board, newest first. */
    public List<Announcement> everything(Caller caller, int limit) {
        List<Long> readable = access.readableGroupIds(caller);
        List<Announcement> all = new ArrayList<>(visible(caller, boardQuery(null)));
        if (!readable.isEmpty()) {
            all.addAll(visible(caller, boardQuery(readable)));
        }
        return all.stream().sorted(NEWEST).limit(limit).toList();
    }

    /**
     * The home page's list across the caller's groups and the site: what still needs their
     * acknowledgement and pinned banners they have not dismissed first, then the newest.
     */
    public List<BoardItem> home(Caller caller, int limit) {
        List<Announcement> all = new ArrayList<>(visible(caller, boardQuery(null)));
        List<Long> mine = groups.membershipsOf(caller).stream().map(m -> m.getGroup().getId()).toList();
        if (!mine.isEmpty()) {
            all.addAll(visible(caller, boardQuery(mine)));
        }
        return items(caller, all, Comparator.comparing((BoardItem i) -> !(i.needsAcknowledgement() || i.banner()))
                .thenComparing(BoardItem::announcement, NEWEST)).stream().limit(limit).toList();
    }

    /** For those who manage the board: scheduled and expired announcements, newest first; empty for everybody else. */
    public List<Announcement> archive(Caller caller, String slug) {
        Group group = slug == null ? null : groups.readable(caller, slug);
        if (!(group == null ? caller.admin() : access.may(caller, Action.POST, group))) {
            return List.of();
        }
        Instant now = clock.now();
        jakarta.persistence.TypedQuery<Announcement> query = em.createQuery("select a from Announcement a where "
                + (group == null ? "a.group is null" : "a.group = :group") + " and (a.publishAt > :now or a.expiresAt <= :now)", Announcement.class)
                .setParameter("now", now);
        if (group != null) {
            query.setParameter("group", group);
        }
        return query.getResultStream().sorted(NEWEST).toList();
    }

    /** Live announcements of these groups ({@code null}: the site board). */
    private List<Announcement> boardQuery(Collection<Long> groupIds) {
        jakarta.persistence.TypedQuery<Announcement> query = em.createQuery("select a from Announcement a where "
                + (groupIds == null ? "a.group is null" : "a.group.id in :groups")
                + " and a.publishAt <= :now and (a.expiresAt is null or a.expiresAt > :now)", Announcement.class)
                .setParameter("now", clock.now());
        if (groupIds != null) {
            query.setParameter("groups", groupIds);
        }
        return query.getResultList();
    }

    private List<Announcement> visible(Caller caller, List<Announcement> candidates) {
        // one answer per group and audience: the role is read once, not once per announcement
        Map<String, Boolean> admitted = new HashMap<>();
        return candidates.stream().filter(a -> admitted.computeIfAbsent(
                (a.isSiteWide() ? "site" : a.getGroup().getId()) + "/" + a.getAudience(), k -> admits(caller, a))).toList();
    }

    private List<BoardItem> items(Caller caller, List<Announcement> announcements, Comparator<BoardItem> order) {
        Map<Long, List<Receipt.Kind>> receipts = receiptsOf(caller, announcements);
        return announcements.stream()
                .map(a -> BoardItem.of(a, receipts.getOrDefault(a.getId(), List.of()).contains(Receipt.Kind.ACKNOWLEDGED),
                        receipts.getOrDefault(a.getId(), List.of()).contains(Receipt.Kind.DISMISSED)))
                .sorted(order).toList();
    }

    private Map<Long, List<Receipt.Kind>> receiptsOf(Caller caller, List<Announcement> announcements) {
        Map<Long, List<Receipt.Kind>> receipts = new HashMap<>();
        if (caller.isAnonymous() || announcements.isEmpty()) {
            return receipts;
        }
        em.createQuery("select r.announcement.id, r.kind from Receipt r where r.account.id = :account and r.announcement.id in :ids", Object[].class)
                .setParameter("account", caller.accountId())
                .setParameter("ids", announcements.stream().map(Announcement::getId).toList())
                .getResultStream()
                .forEach(row -> receipts.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add((Receipt.Kind) row[1]));
        return receipts;
    }

    /** This reader's receipts of one announcement. */
    public BoardItem asSeenBy(Caller caller, Announcement announcement) {
        List<Receipt.Kind> kinds = receiptsOf(caller, List.of(announcement)).getOrDefault(announcement.getId(), List.of());
        return BoardItem.of(announcement, kinds.contains(Receipt.Kind.ACKNOWLEDGED), kinds.contains(Receipt.Kind.DISMISSED));
    }

    // --- what readers do -------------------------------------------------------------------

    /** "I have read this": recorded once; pressing again changes nothing. */
    public void acknowledge(Caller caller, long id) {
        Announcement announcement = readable(caller, id);
        if (caller.isAnonymous()) {
            throw new NotAllowed("Log in to acknowledge an announcement.");
        }
        if (!announcement.isRequiresAcknowledgement()) {
            throw new AnnouncementException("This announcement does not ask for acknowledgement.");
        }
        receipt(caller, announcement, Receipt.Kind.ACKNOWLEDGED);
    }

    /** Hides the pinned banner for this reader; the announcement stays on the board. */
    public void dismiss(Caller caller, long id) {
        Announcement announcement = readable(caller, id);
        if (caller.isAnonymous()) {
            throw new NotAllowed("Log in to dismiss a banner.");
        }
        receipt(caller, announcement, Receipt.Kind.DISMISSED);
    }

    private void receipt(Caller caller, Announcement announcement, Receipt.Kind kind) {
        long existing = em.createQuery("select count(r) from Receipt r where r.announcement = :a and r.account.id = :account and r.kind = :kind", Long.class)
                .setParameter("a", announcement).setParameter("account", caller.accountId()).setParameter("kind", kind).getSingleResult();
        if (existing == 0) {
            em.persist(new Receipt(announcement, em.find(Account.class, caller.accountId()), kind, clock.now()));
        }
    }

    /** Who of the audience has acknowledged and who has not (the committee and administrators only). */
    public AcknowledgementReport acknowledgements(Caller caller, long id) {
        Announcement announcement = readable(caller, id);
        if (!mayManage(caller, announcement)) {
            throw new NotAllowed("Only the committee sees who has acknowledged an announcement.");
        }
        Map<Long, Instant> acknowledged = new HashMap<>();
        em.createQuery("select r.account.id, r.receivedAt from Receipt r where r.announcement = :a and r.kind = :kind", Object[].class)
                .setParameter("a", announcement).setParameter("kind", Receipt.Kind.ACKNOWLEDGED)
                .getResultStream().forEach(row -> acknowledged.put((Long) row[0], (Instant) row[1]));
        Map<Long, Account> readers = new java.util.LinkedHashMap<>();
        audience(announcement).forEach(a -> readers.put(a.getId(), a));
        if (!acknowledged.isEmpty()) {
            // people who acknowledged and have since left the audience still count as having read it
            em.createQuery("select a from Account a where a.id in :ids", Account.class).setParameter("ids", acknowledged.keySet())
                    .getResultStream().forEach(a -> readers.putIfAbsent(a.getId(), a));
        }
        List<AcknowledgementReport.Row> rows = readers.values().stream()
                .map(a -> new AcknowledgementReport.Row(a.getDisplayName(), a.getUsername(), acknowledged.get(a.getId())))
                .sorted(Comparator.comparing(AcknowledgementReport.Row::name, String.CASE_INSENSITIVE_ORDER)).toList();
        return new AcknowledgementReport(announcement.getId(), announcement.getTitle(), rows);
    }

    /** The accounts an announcement is meant for, as far as names can be listed. */
    private List<Account> audience(Announcement announcement) {
        if (announcement.isSiteWide()) {
            return em.createQuery("select a from Account a order by a.displayName", Account.class).getResultStream()
                    .filter(Account::isEnabled).toList();
        }
        return em.createNamedQuery(Membership.OF_GROUP, Membership.class).setParameter("group", announcement.getGroup().getId())
                .getResultStream()
                .filter(Membership::isApproved)
                .filter(m -> announcement.getAudience() != Audience.COMMITTEE || m.getRole() == Role.COMMITTEE)
                .map(Membership::getAccount).filter(Account::isEnabled).toList();
    }

    /** The versions edits replaced, newest first (the committee and administrators only). */
    public List<AnnouncementRevision> revisions(Caller caller, long id) {
        Announcement announcement = readable(caller, id);
        if (!mayManage(caller, announcement)) {
            return List.of();
        }
        return em.createQuery("select r from AnnouncementRevision r where r.announcement = :a order by r.replacedAt desc, r.id desc",
                AnnouncementRevision.class).setParameter("a", announcement).getResultList();
    }

    public Instant now() {
        return clock.now();
    }
}
