package org.guildhall.groups.entity;

/** How an account becomes a member. */
public enum JoinPolicy {
    /** Anyone logged in joins at once. */
    OPEN,
    /** Anyone asks; the committee approves or declines. */
    REQUEST,
    /** Only the committee adds members. */
    INVITE
}
