package org.guildhall.announcements.control;

import java.time.Instant;
import org.guildhall.announcements.entity.Audience;

/**
 * What an author sends when posting or editing: pages and the API alike.
 *
 * @param body        HTML from the editor; sanitized before anything else sees it
 * @param audience    null: members of the group (site-wide: every signed-in account)
 * @param publishAt   null: now
 * @param expiresAt   null: never
 */
public record AnnouncementInput(String title, String body, Audience audience, boolean pinned, boolean requiresAcknowledgement,
        Instant publishAt, Instant expiresAt) {
}
