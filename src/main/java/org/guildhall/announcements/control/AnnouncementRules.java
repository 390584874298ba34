package org.guildhall.announcements.control;

import org.guildhall.announcements.entity.Audience;
import org.guildhall.groups.entity.Role;
import org.guildhall.identity.entity.Caller;

/**
 * Who reads an announcement, as a pure function the unit tests walk through; the search
 * component's access keys for announcements mirror it ({@code search.control.AnnouncementSource}).
 */
public final class AnnouncementRules {

    private AnnouncementRules() {
    }

    /**
     * Whether the audience admits the caller, publication times aside.
     *
     * @param groupReadable whether {@code GroupAccess} lets the caller read the group (ignored site-wide)
     * @param role          the caller's approved role in the group, null for none (ignored site-wide)
     */
    public static boolean admits(Audience audience, boolean siteWide, Caller caller, boolean groupReadable, Role role) {
        if (siteWide) {
            return switch (audience) {
                case PUBLIC -> true;
                case MEMBERS -> !caller.isAnonymous();
                case COMMITTEE -> caller.admin();
            };
        }
        if (!groupReadable) {
            return false;
        }
        if (caller.admin()) {
            return true;
        }
        return switch (audience) {
            case PUBLIC -> true;
            case MEMBERS -> role != null;
            case COMMITTEE -> role == Role.COMMITTEE;
        };
    }
}
