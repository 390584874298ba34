package org.guildhall.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.guildhall.announcements.entity.Announcement;
import org.guildhall.announcements.entity.Audience;
import org.guildhall.groups.entity.Group;
import org.guildhall.groups.entity.JoinPolicy;
import org.guildhall.groups.entity.Visibility;
import org.guildhall.identity.entity.Account;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Announcements as AnnouncementSource maps them, searched with the keys SearchReaders hands
 * each kind of reader: every audience is found by exactly its readers, a scheduled one by
 * nobody before its time, the text without its markup.
 */
class AnnouncementSourceTest {

    static final long GROUP = 7;
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    ByteBuffersDirectory directory;
    IndexSearch index;
    final SearchQueryParser parser = new SearchQueryParser();

    // the keys SearchReaders gives each reader of a public group 7
    static final Set<String> ANONYMOUS = Set.of(Readers.EVERYONE, Readers.group(GROUP));
    static final Set<String> OUTSIDER = Set.of(Readers.EVERYONE, Readers.SIGNED_IN, Readers.group(GROUP));
    static final Set<String> MEMBER = Set.of(Readers.EVERYONE, Readers.SIGNED_IN, Readers.group(GROUP), Readers.member(GROUP));
    static final Set<String> COMMITTEE = Set.of(Readers.EVERYONE, Readers.SIGNED_IN, Readers.group(GROUP), Readers.member(GROUP),
            Readers.committee(GROUP));

    @BeforeEach
    void indexAnnouncements() throws Exception {
        directory = new ByteBuffersDirectory();
        index = new IndexSearch(directory);
        Group group = withId(new Group("cataloguing", "Cataloguing", null, Visibility.PUBLIC, JoinPolicy.OPEN), GROUP);
        Account carol = withId(new Account("carol", "Carol Cataloguer", "c@example.org", "x"), 3);
        index.index(AnnouncementSource.map(announcement(1, group, carol, "<p>The <strong>walrus</strong> plan</p>", Audience.COMMITTEE, NOW)));
        index.index(AnnouncementSource.map(announcement(2, group, carol, "<p>The narwhal plan</p>", Audience.MEMBERS, NOW)));
        index.index(AnnouncementSource.map(announcement(3, group, carol, "<p>The beluga plan</p>", Audience.PUBLIC, NOW)));
        index.index(AnnouncementSource.map(announcement(4, group, carol, "<p>The orca plan</p>", Audience.PUBLIC, NOW.plusSeconds(3600))));
        index.index(AnnouncementSource.map(announcement(5, null, carol, "<p>The dugong plan</p>", Audience.MEMBERS, NOW)));
        index.index(AnnouncementSource.map(announcement(6, null, carol, "<p>The manatee plan</p>", Audience.PUBLIC, NOW)));
        index.refresh();
    }

    @AfterEach
    void close() throws IOException {
        index.close();
        directory.close();
    }

    long found(String word, Set<String> keys, Instant at) throws IOException {
        return index.search(parser.parse(word), new Readers(keys, at), Map.of(), SortOrder.RELEVANCE, 1, 10).total();
    }

    @Test
    void aCommitteeAnnouncementIsFoundByTheCommitteeOnly() throws IOException {
        assertEquals(1, found("walrus", COMMITTEE, NOW));
        assertEquals(0, found("walrus", MEMBER, NOW));
        assertEquals(0, found("walrus", OUTSIDER, NOW));
        assertEquals(0, found("walrus", ANONYMOUS, NOW));
    }

    @Test
    void eachOtherAudienceByItsReaders() throws IOException {
        assertEquals(1, found("narwhal", MEMBER, NOW));
        assertEquals(0, found("narwhal", OUTSIDER, NOW), "reading a public group does not make one a member");
        assertEquals(1, found("beluga", ANONYMOUS, NOW));
        assertEquals(1, found("dugong", OUTSIDER, NOW), "site-wide to members: every signed-in account");
        assertEquals(0, found("dugong", ANONYMOUS, NOW));
        assertEquals(1, found("manatee", Set.of(Readers.EVERYONE), NOW));
    }

    @Test
    void aScheduledAnnouncementIsFoundFromItsPublishTimeOn() throws IOException {
        assertEquals(0, found("orca", COMMITTEE, NOW));
        assertEquals(1, found("orca", ANONYMOUS, NOW.plusSeconds(3600)));
    }

    @Test
    void theTextIsIndexedWithoutMarkupAndSiteWideUnderThePseudoGroup() throws Exception {
        assertEquals(0, found("strong", COMMITTEE, NOW), "tag names are not words of the text");
        SearchDocument site = AnnouncementSource.map(announcement(9, null, withId(new Account("a", "Admin", "a@example.org", "x"), 1),
                "<p>Hello &amp; welcome</p>", Audience.PUBLIC, NOW));
        assertEquals(0, site.groupId());
        assertEquals("site", site.groupSlug());
        assertEquals("Hello & welcome", site.parts().get(0).text());
        assertEquals(NOW, site.visibleFrom());
    }

    static Announcement announcement(long id, Group group, Account author, String body, Audience audience, Instant publishAt) throws Exception {
        Announcement a = new Announcement(group, author, NOW);
        a.write("Plan " + id, body, audience, false, false, publishAt, null);
        return withId(a, id);
    }

    static <T> T withId(T entity, long id) throws Exception {
        Field field = entity.getClass().getDeclaredField("id");
        field.setAccessible(true);
        field.set(entity, id);
        return entity;
    }
}
