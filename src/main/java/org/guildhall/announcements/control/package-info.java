/** Posting, reading and acknowledging announcements, with the rich-text allow-list; every step authorised through GroupAccess. */
package org.guildhall.announcements.control;
