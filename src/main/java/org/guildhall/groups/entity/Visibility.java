package org.guildhall.groups.entity;

/** Who may read a group's content. */
public enum Visibility {
    /** Anyone, logged in or not. */
    PUBLIC,
    /** Members and committee only; to anyone else the group does not exist. */
    MEMBERS
}
