/** Group and site-wide announcements: sanitized rich text, pin, publish-at, expires-at, audience, acknowledgement. */
package org.guildhall.announcements;
