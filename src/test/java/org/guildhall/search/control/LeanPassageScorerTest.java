package org.guildhall.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** The snippet a hit shows must not change because its passages are scored without a hash. */
class LeanPassageScorerTest {

    @Test
    void scoresEveryPassageExactlyAsLuceneDoes() {
        Random random = new Random(6);
        String[] vocabulary = {"marmalade", "quince", "jelly", "orange", "seville", "pantry", "fair", "preserve"};
        PassageScorer lucene = new PassageScorer();
        PassageScorer lean = new LeanPassageScorer();
        for (int round = 0; round < 2_000; round++) {
            Passage passage = new Passage();
            int start = random.nextInt(50_000);
            int length = 20 + random.nextInt(400);
            passage.setStartOffset(start);
            passage.setEndOffset(start + length);
            // up to past the point where the lean scorer hands over to Lucene's
            int matches = round % 10 == 0 ? LeanPassageScorer.MAX_MATCHES_COMPARED + random.nextInt(20) : random.nextInt(12);
            int distinct = 1 + random.nextInt(vocabulary.length);
            for (int m = 0; m < matches; m++) {
                int at = start + m * length / Math.max(1, matches);
                passage.addMatch(at, at + 1, new BytesRef(vocabulary[random.nextInt(distinct)]), 1 + random.nextInt(30));
            }
            int contentLength = start + length + random.nextInt(100_000);
            assertEquals(lucene.score(passage, contentLength), lean.score(passage, contentLength),
                    "round " + round + ": " + passage);
        }
    }

    /**
     * What it is for: Lucene's scorer allocates a 32 KB block per passage (a search scores every
     * sentence with a match in each of its 20 hits); this one allocates nothing per passage.
     */
    @Test
    void scoresPassagesWithoutAllocatingPerPassage() {
        Passage passage = new Passage();
        passage.setStartOffset(100);
        passage.setEndOffset(260);
        passage.addMatch(110, 119, new BytesRef("marmalade"), 7);
        passage.addMatch(150, 156, new BytesRef("quince"), 3);
        passage.addMatch(200, 209, new BytesRef("marmalade"), 7);
        long lucene = allocatedWhileScoring(new PassageScorer(), passage);
        long lean = allocatedWhileScoring(new LeanPassageScorer(), passage);
        assertTrue(lucene > 10_000_000, "the control: Lucene's scorer allocates per passage (" + lucene + " bytes)");
        assertTrue(lean < 1_000_000, "1,000 passages scored with " + lean + " bytes allocated");
    }

    private static long allocatedWhileScoring(PassageScorer scorer, Passage passage) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        float sum = 0;
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 1_000; i++) {
            sum += scorer.score(passage, 20_000);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(sum > 0);
        return allocated;
    }
}
