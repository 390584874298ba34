package org.guildhall.groups.entity;

/** A member's role in one group. */
public enum Role {
    MEMBER,
    /** Manages the group's members and settings, posts and uploads. */
    COMMITTEE
}
