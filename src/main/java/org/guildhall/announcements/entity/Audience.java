package org.guildhall.announcements.entity;

/**
 * Who reads an announcement. In a group: {@link #PUBLIC} whoever may read the group (anybody
 * for a public group), {@link #MEMBERS} the group's approved members, {@link #COMMITTEE} its
 * committee; administrators read everything. Site-wide: {@link #PUBLIC} anybody,
 * {@link #MEMBERS} every signed-in account; there is no site-wide committee.
 */
public enum Audience {
    PUBLIC,
    MEMBERS,
    COMMITTEE
}
