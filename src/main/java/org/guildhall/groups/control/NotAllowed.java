package org.guildhall.groups.control;

/** The caller may see the group but not do this in it; the message says why in plain words. */
public class NotAllowed extends RuntimeException {

    public NotAllowed(String message) {
        super(message);
    }
}
