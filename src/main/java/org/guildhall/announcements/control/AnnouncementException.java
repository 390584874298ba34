package org.guildhall.announcements.control;

/** A refused post or edit, with a message for the author. */
public class AnnouncementException extends RuntimeException {

    public AnnouncementException(String message) {
        super(message);
    }
}
