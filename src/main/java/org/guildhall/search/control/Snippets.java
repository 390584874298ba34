package org.guildhall.search.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.guildhall.search.control.SnippetFormatter.Snippet;

/**
 * Snippets for a page of hits, from the unified highlighter over the stored body: offsets come
 * from the postings, so the text is not analysed again, and the body is the one the caller read
 * with the hit's other stored fields, so it is not read again either.
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
    /** Stateless: one for every search. */
    private static final LeanPassageScorer SCORER = new LeanPassageScorer();

    private Snippets() {
    }

    /**
     * The body as the highlighter reads it: the parts joined by {@link DocumentMapper#PART_SEPARATOR}
     * (the separator the highlighter itself would use), at most {@link #MAX_HIGHLIGHT_CHARS}.
     */
    static String body(String[] parts) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < parts.length && body.length() < MAX_HIGHLIGHT_CHARS; i++) {
            if (i > 0) {
                body.append(DocumentMapper.PART_SEPARATOR);
            }
            body.append(parts[i], 0, Math.min(parts[i].length(), MAX_HIGHLIGHT_CHARS - body.length()));
        }
        return body.toString();
    }

    /**
     * One snippet per document id, in the same order; a document without text gets an empty one.
     *
     * @param bodies each document's {@link #body(String[])}, in the order of {@code docIds}
     */
    static Snippet[] of(IndexSearcher searcher, Analyzer analyzer, Query highlight, int[] docIds, String[] bodies) throws IOException {
        Snippet[] snippets = new Snippet[docIds.length];
        if (docIds.length == 0) {
            return snippets;
        }
        UnifiedHighlighter.Builder builder = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new SnippetFormatter())
                .withScorer(SCORER)
                .withMaxLength(MAX_HIGHLIGHT_CHARS)
                // the best passage only, so the attachment it names is unambiguous
                .withMaxNoHighlightPassages(1)
                // minimum length, not "closest to": the closest-length search walked the sentence
                // iterator back and forth and took 90% of search CPU in the benchmark (issue 6);
                // and our own sentence scan, not the JDK's rule-based one (see SentenceBreaks)
                .withBreakIterator(() -> LengthGoalBreakIterator.createMinLength(new SentenceBreaks(), PASSAGE_CHARS, 0.5f));
        Object[] formatted = new ObjectHighlighter(builder, docIds, bodies).highlight(highlight, docIds).get(Fields.BODY);
        for (int i = 0; i < docIds.length; i++) {
            snippets[i] = formatted != null && formatted[i] instanceof Snippet snippet ? snippet : new Snippet("", -1);
        }
        return snippets;
    }

    /**
     * Opens up the highlighter's formatter results, which the public methods turn into strings,
     * and gives it the bodies read already.
     */
    private static final class ObjectHighlighter extends UnifiedHighlighter {

        private final Map<Integer, String> bodiesByDocId = new HashMap<>();

        ObjectHighlighter(Builder builder, int[] docIds, String[] bodies) {
            super(builder);
            for (int i = 0; i < docIds.length; i++) {
                bodiesByDocId.put(docIds[i], bodies[i]);
            }
        }

        /**
         * The highlighter would read each hit's stored body itself, and the page then read the
         * hit's other stored fields: every hit's compressed block was inflated twice, 6% of the
         * search threads' time at 100,000 documents (issue 6).
         */
        @Override
        protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docIter, int cacheCharsThreshold)
                throws IOException {
            List<CharSequence[]> values = new ArrayList<>();
            for (int doc = docIter.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docIter.nextDoc()) {
                String body = bodiesByDocId.get(doc);
                if (body == null) {
                    throw new IllegalStateException("The highlighter asked for document " + doc + ", which is not on the page");
                }
                values.add(new CharSequence[] {body});
            }
            return values;
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
