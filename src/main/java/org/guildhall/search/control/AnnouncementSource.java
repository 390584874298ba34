package org.guildhall.search.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.guildhall.announcements.control.RichText;
import org.guildhall.announcements.entity.Announcement;
import org.guildhall.platform.entity.ContentChange;

/**
 * Announcements as the index holds them: the title, the body's text without markup, the
 * author, the publication date, and access keys that mirror {@code AnnouncementRules}:
 * <table>
 * <caption>access keys per audience</caption>
 * <tr><th>audience</th><th>in a group</th><th>site-wide</th></tr>
 * <tr><td>PUBLIC</td><td>{@link Readers#group} (whoever may read the group)</td><td>{@link Readers#EVERYONE}</td></tr>
 * <tr><td>MEMBERS</td><td>{@link Readers#member} (its approved members)</td><td>{@link Readers#SIGNED_IN}</td></tr>
 * <tr><td>COMMITTEE</td><td>{@link Readers#committee}</td><td>(not allowed)</td></tr>
 * </table>
 * Administrators hold every group's keys. A scheduled announcement is indexed at once with
 * {@code visibleFrom} = publish-at, which the permission filter compares with the search's
 * moment; an expired one stays findable, as members may still read it.
 * <p>
 * Site-wide announcements have no group: they are filed under the pseudo group
 * {@value #SITE_GROUP_ID} / {@value #SITE_GROUP_SLUG}, which no real group can be (group ids
 * come from a sequence starting at 50, and {@code Groups} refuses the slug "site").
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class AnnouncementSource implements IndexSource {

    public static final long SITE_GROUP_ID = 0;
    public static final String SITE_GROUP_SLUG = org.guildhall.groups.control.Groups.RESERVED_SLUG;

    @PersistenceContext
    EntityManager em;

    @Override
    public ContentChange.Kind kind() {
        return ContentChange.Kind.ANNOUNCEMENT;
    }

    @Override
    public String entryId(long entityId) {
        return SearchDocument.announcementId(entityId);
    }

    @Override
    public Optional<SearchDocument> read(long id) {
        Announcement announcement = em.find(Announcement.class, id);
        if (announcement == null) {
            return Optional.empty();
        }
        return Optional.of(map(announcement));
    }

    static SearchDocument map(Announcement announcement) {
        boolean site = announcement.isSiteWide();
        long groupId = site ? SITE_GROUP_ID : announcement.getGroup().getId();
        return new SearchDocument(SearchDocument.announcementId(announcement.getId()), SearchDocument.Kind.ANNOUNCEMENT, groupId,
                site ? SITE_GROUP_SLUG : announcement.getGroup().getSlug(), announcement.getTitle(),
                List.of(new SearchDocument.Part(null, RichText.plainText(announcement.getBody()))), null, List.of(),
                announcement.getAuthor().getDisplayName(), null, announcement.getPublishAt(), 1,
                List.of(accessKey(announcement, groupId)), announcement.getPublishAt());
    }

    static String accessKey(Announcement announcement, long groupId) {
        if (announcement.isSiteWide()) {
            return switch (announcement.getAudience()) {
                case PUBLIC -> Readers.EVERYONE;
                case MEMBERS -> Readers.SIGNED_IN;
                // refused when posted; should one exist, only a key nobody holds
                case COMMITTEE -> Readers.committee(SITE_GROUP_ID);
            };
        }
        return switch (announcement.getAudience()) {
            case PUBLIC -> Readers.group(groupId);
            case MEMBERS -> Readers.member(groupId);
            case COMMITTEE -> Readers.committee(groupId);
        };
    }

    @Override
    public List<Live> live() {
        return em.createQuery("select a.id, g.id from Announcement a left join a.group g", Object[].class)
                .getResultStream().map(row -> new Live((Long) row[0], row[1] == null ? SITE_GROUP_ID : (Long) row[1])).toList();
    }
}
