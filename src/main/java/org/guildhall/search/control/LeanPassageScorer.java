package org.guildhall.search.control;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's passage scoring (the same BM25-like formula, the same scores) without a fresh
 * {@code BytesRefHash} for every passage: that hash allocates a 32 KB block on its first term,
 * and every sentence with a match in every hit on a page is scored. It was a third of the bytes
 * a search request allocated (issue 6). A passage holds a handful of matches, so its distinct
 * terms are found by comparing them with the ones before; a passage with very many matches
 * goes to Lucene's own code, where the hash pays off.
 */
final class LeanPassageScorer extends PassageScorer {

    /** Above this many matches in one passage the pairwise comparison would cost more than the hash. */
    static final int MAX_MATCHES_COMPARED = 64;

    @Override
    public float score(Passage passage, int contentLength) {
        int matches = passage.getNumMatches();
        if (matches > MAX_MATCHES_COMPARED) {
            return super.score(passage, contentLength);
        }
        BytesRef[] terms = passage.getMatchTerms();
        int[] freqsInDoc = passage.getMatchTermFreqsInDoc();
        double score = 0d;
        // distinct terms in the order they first occur, as Lucene sums them: equal floats
        for (int i = 0; i < matches; i++) {
            if (seenBefore(terms, i)) {
                continue;
            }
            int inPassage = 1;
            for (int j = i + 1; j < matches; j++) {
                if (terms[j].bytesEquals(terms[i])) {
                    inPassage++;
                }
            }
            score += tf(inPassage, passage.getLength()) * weight(contentLength, freqsInDoc[i]);
        }
        score *= norm(passage.getStartOffset());
        return (float) score;
    }

    private static boolean seenBefore(BytesRef[] terms, int i) {
        for (int j = 0; j < i; j++) {
            if (terms[j].bytesEquals(terms[i])) {
                return true;
            }
        }
        return false;
    }
}
