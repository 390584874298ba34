/** Feeds written with ROME from plain records, and conditional-request answers; no container needed. */
package org.guildhall.feeds.control;
