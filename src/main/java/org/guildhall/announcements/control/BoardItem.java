package org.guildhall.announcements.control;

import org.guildhall.announcements.entity.Announcement;

/**
 * An announcement as one reader sees it on a board.
 *
 * @param needsAcknowledgement it asks for acknowledgement and this reader has not given it
 * @param banner               pinned, and this reader has not dismissed the banner
 */
public record BoardItem(Announcement announcement, boolean acknowledged, boolean dismissed, boolean needsAcknowledgement, boolean banner)
        implements java.io.Serializable {

    static BoardItem of(Announcement announcement, boolean acknowledged, boolean dismissed) {
        return new BoardItem(announcement, acknowledged, dismissed,
                announcement.isRequiresAcknowledgement() && !acknowledged, announcement.isPinned() && !dismissed);
    }
}
