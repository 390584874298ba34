package org.guildhall.groups.control;

import org.guildhall.groups.entity.Group;

/** A group as the directory lists it. */
public record GroupSummary(Group group, long memberCount) {
}
