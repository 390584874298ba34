/** The feed endpoints (public, or through a personal feed token) and the autodiscovery links pages put in their head. */
package org.guildhall.feeds.boundary;
