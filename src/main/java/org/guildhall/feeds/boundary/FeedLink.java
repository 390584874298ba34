package org.guildhall.feeds.boundary;

/** A feed as pages link it: in the head for autodiscovery, and visibly. */
public record FeedLink(String title, String type, String href, String label) {
}
