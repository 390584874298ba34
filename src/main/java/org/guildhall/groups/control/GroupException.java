package org.guildhall.groups.control;

/** A request about a group that cannot be carried out as asked; the message is for the user. */
public class GroupException extends RuntimeException {

    public GroupException(String message) {
        super(message);
    }
}
