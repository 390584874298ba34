package org.guildhall.announcements.control;

/** No such announcement, or not one the caller may read: the two answer alike. */
public class AnnouncementNotFound extends RuntimeException {

    public AnnouncementNotFound() {
        super("There is no such announcement.");
    }
}
