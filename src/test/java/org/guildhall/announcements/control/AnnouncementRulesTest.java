package org.guildhall.announcements.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.guildhall.announcements.entity.Audience;
import org.guildhall.groups.entity.Role;
import org.guildhall.identity.entity.Caller;
import org.junit.jupiter.api.Test;

class AnnouncementRulesTest {

    static final Caller ANONYMOUS = Caller.ANONYMOUS;
    static final Caller MEMBER = new Caller(2L, "mia", false);
    static final Caller ADMIN = new Caller(1L, "admin", true);

    @Test
    void inAGroupTheAudienceNarrowsWhoReads() {
        assertTrue(AnnouncementRules.admits(Audience.PUBLIC, false, ANONYMOUS, true, null));
        assertFalse(AnnouncementRules.admits(Audience.MEMBERS, false, ANONYMOUS, true, null));
        assertFalse(AnnouncementRules.admits(Audience.MEMBERS, false, MEMBER, true, null), "a non-member reading a public group");
        assertTrue(AnnouncementRules.admits(Audience.MEMBERS, false, MEMBER, true, Role.MEMBER));
        assertFalse(AnnouncementRules.admits(Audience.COMMITTEE, false, MEMBER, true, Role.MEMBER));
        assertTrue(AnnouncementRules.admits(Audience.COMMITTEE, false, MEMBER, true, Role.COMMITTEE));
        assertTrue(AnnouncementRules.admits(Audience.COMMITTEE, false, ADMIN, true, null));
    }

    @Test
    void nothingOfAGroupTheCallerCannotRead() {
        for (Audience audience : Audience.values()) {
            assertFalse(AnnouncementRules.admits(audience, false, MEMBER, false, null), audience.name());
        }
    }

    @Test
    void siteWideIsForEveryoneOrForSignedInAccounts() {
        assertTrue(AnnouncementRules.admits(Audience.PUBLIC, true, ANONYMOUS, false, null));
        assertFalse(AnnouncementRules.admits(Audience.MEMBERS, true, ANONYMOUS, false, null));
        assertTrue(AnnouncementRules.admits(Audience.MEMBERS, true, MEMBER, false, null));
        assertFalse(AnnouncementRules.admits(Audience.COMMITTEE, true, MEMBER, false, null));
    }
}
