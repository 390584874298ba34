/** Announcements, the versions their edits replaced, and what each member did with them. */
package org.guildhall.announcements.entity;
