/** A group, a membership, and the words for visibility, join policy and role. */
package org.guildhall.groups.entity;
