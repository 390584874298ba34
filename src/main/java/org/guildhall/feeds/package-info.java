/** Atom 1.0 and RSS 2.0 for the boards, the site, each group's documents and everything a reader may see; autodiscovery links. */
package org.guildhall.feeds;
