package org.guildhall.search.control;

import java.io.IOException;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.guildhall.search.control.SnippetFormatter.Snippet;

/**
 * Snippets for a page of hits, from the unified highlighter over the stored body: offsets come
 * from the postings, so the text is not analysed again.
 */
final class Snippets {

    /**
     * How far into a document a match is looked for. The highlighter's default (10,000
     * characters) would miss matches in an attachment behind a long file; extraction caps the
     * text at a few million characters anyway.
     */
    static final int MAX_HIGHLIGHT_CHARS = 5_000_000;
    /** About a sentence; the formatter cuts what is longer around the match. */
    static final int PASSAGE_CHARS = 160;

    private Snippets() {
    }

    /** One snippet per document id, in the same order; a document without text gets an empty one. */
    static Snippet[] of(IndexSearcher searcher, Analyzer analyzer, Query highlight, int[] docIds) throws IOException {
        Snippet[] snippets = new Snippet[docIds.length];
        if (docIds.length == 0) {
            return snippets;
        }
        UnifiedHighlighter.Builder builder = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new SnippetFormatter())
                .withMaxLength(MAX_HIGHLIGHT_CHARS)
                // the best passage only, so the attachment it names is unambiguous
                .withMaxNoHighlightPassages(1)
                // minimum length, not "closest to": the closest-length search walked the sentence
                // iterator back and forth and took 90% of search CPU in the benchmark (issue 6);
                // and our own sentence scan, not the JDK's rule-based one (see SentenceBreaks)
                .withBreakIterator(() -> LengthGoalBreakIterator.createMinLength(new SentenceBreaks(), PASSAGE_CHARS, 0.5f));
        Object[] formatted = new ObjectHighlighter(builder).highlight(highlight, docIds).get(Fields.BODY);
        for (int i = 0; i < docIds.length; i++) {
            snippets[i] = formatted != null && formatted[i] instanceof Snippet snippet ? snippet : new Snippet("", -1);
        }
        return snippets;
    }

    /** Opens up the highlighter's formatter results, which the public methods turn into strings. */
    private static final class ObjectHighlighter extends UnifiedHighlighter {

        ObjectHighlighter(Builder builder) {
            super(builder);
        }

        /**
         * Offsets from the postings also for prefix queries and phrases that rewrite: the
         * highlighter would analyse each hit's whole text again into a memory index for them,
         * which was half of the highlighting time at 10,000 documents (issue 6). With weight
         * matches (the default) the postings answer those queries as well.
         */
        @Override
        protected OffsetSource getOptimizedOffsetSource(UHComponents components) {
            OffsetSource source = getOffsetSource(components.field());
            return source == OffsetSource.POSTINGS && components.highlightFlags().contains(HighlightFlag.WEIGHT_MATCHES)
                    ? OffsetSource.POSTINGS
                    : super.getOptimizedOffsetSource(components);
        }

        Map<String, Object[]> highlight(Query query, int[] docIds) throws IOException {
            int[] passages = {1};
            return highlightFieldsAsObjects(new String[] {Fields.BODY}, query, docIds, passages);
        }
    }
}
