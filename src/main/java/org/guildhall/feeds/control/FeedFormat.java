package org.guildhall.feeds.control;

/** The two formats every feed comes in, with ROME's name and the media type readers expect. */
public enum FeedFormat {
    ATOM("atom_1.0", "application/atom+xml", "atom", "Atom"),
    RSS("rss_2.0", "application/rss+xml", "rss", "RSS");

    private final String romeType;
    private final String mediaType;
    private final String extension;
    private final String label;

    FeedFormat(String romeType, String mediaType, String extension, String label) {
        this.romeType = romeType;
        this.mediaType = mediaType;
        this.extension = extension;
        this.label = label;
    }

    public String romeType() {
        return romeType;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    public String label() {
        return label;
    }

    /** From a path's extension ("atom", "rss"); null for anything else. */
    public static FeedFormat of(String extension) {
        for (FeedFormat format : values()) {
            if (format.extension.equalsIgnoreCase(extension)) {
                return format;
            }
        }
        return null;
    }
}
