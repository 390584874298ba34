/** What the container calls into the platform: start-up, filters (security headers, refused forms), Faces hooks, health checks and the REST application. */
package org.guildhall.platform.boundary;
