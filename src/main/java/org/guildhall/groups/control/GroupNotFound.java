package org.guildhall.groups.control;

/**
 * No such group, or none the caller may read: the two are one answer on purpose, so that a
 * private group's existence does not leak.
 */
public class GroupNotFound extends RuntimeException {

    public GroupNotFound() {
        super("There is no such group.");
    }
}
