package org.guildhall.search.control;

/** How hits are ordered: best match first, or newest first. */
public enum SortOrder {
    RELEVANCE,
    DATE
}
