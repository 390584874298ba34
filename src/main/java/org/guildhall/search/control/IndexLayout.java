package org.guildhall.search.control;

/**
 * How the index lies on disk, and whether merging it into one segment would pay.
 *
 * <p>Every search does some work per segment: each query term is looked up in each segment's
 * term dictionary, facet values are mapped from each segment's numbering to the whole index's,
 * and each hit's snippet reads its segment's postings. Deleted entries are still walked until a
 * merge drops them. An index fed by uploads one at a time, as Guildhall's is, ends up with many
 * segments and many deleted entries (a document is written once when stored and again when its
 * text arrives). On 10,000 documents, 9 segments against one made the search benchmark's
 * concurrency-8 p50 30.8 against 23.6 ms (issue 6, 2026-12-03).
 *
 * @param segments  segments searches see now
 * @param documents entries, deleted ones included, as {@code maxDoc}
 * @param deleted   deleted entries not merged away yet
 * @param bytes     the size of the index folder's files
 */
public record IndexLayout(int segments, int documents, int deleted, long bytes) {

    /**
     * More segments than this are worth merging once the index is quiet. Merging rewrites the
     * whole index, so a few small segments from a trickle of single uploads are left alone.
     */
    static final int RESTING_SEGMENTS = 5;
    /** A share of deleted entries (in percent) worth merging away even in a few segments. */
    static final int DELETED_PERCENT = 10;

    /** True when merging into one segment would pay for rewriting the index. */
    public boolean worthCompacting() {
        return segments > RESTING_SEGMENTS || (deleted > 0 && (long) deleted * 100 >= (long) documents * DELETED_PERCENT);
    }
}
