/** What the container calls into the platform: start-up, filters, health checks and the REST application. */
package org.guildhall.platform.boundary;
