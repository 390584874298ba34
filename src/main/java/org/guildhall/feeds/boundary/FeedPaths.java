package org.guildhall.feeds.boundary;

import org.guildhall.feeds.control.FeedFormat;

/** Where each feed is, relative to the portal; a private feed adds {@code ?token=<feed token>}. */
public final class FeedPaths {

    static final String ROOT = "/api/v1/feeds";

    private FeedPaths() {
    }

    public static String groupBoard(String slug, FeedFormat format) {
        return ROOT + "/groups/" + slug + "/announcements." + format.extension();
    }

    public static String groupDocuments(String slug, FeedFormat format) {
        return ROOT + "/groups/" + slug + "/documents." + format.extension();
    }

    public static String siteBoard(FeedFormat format) {
        return ROOT + "/announcements." + format.extension();
    }

    public static String everything(FeedFormat format) {
        return ROOT + "/everything." + format.extension();
    }
}
