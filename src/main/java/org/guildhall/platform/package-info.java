/** Configuration, the database and its migrations, health, security headers, error pages and the start-up sequence. */
package org.guildhall.platform;
