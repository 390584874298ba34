/** The boards on the group, home and site pages, one announcement's page, and the announcements API. */
package org.guildhall.announcements.boundary;
