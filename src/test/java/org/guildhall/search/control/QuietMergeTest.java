package org.guildhall.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the server merges its index by itself: only a quiet, fragmented index, with room for the copy; committed once done. */
class QuietMergeTest {

    private static final Duration AN_HOUR = Duration.ofHours(1);

    @Test
    void aQuietFragmentedIndexIsMergedIntoOneSegmentAndCommitted(@TempDir Path folder) throws Exception {
        AtomicInteger commits = new AtomicInteger();
        try (IndexSearch index = Corpus.fragmented(IndexSearch.open(folder))) {
            IndexLayout before = index.layout();
            QuietMerge merge = new QuietMerge(Duration.ofMillis(1), () -> Long.MAX_VALUE);
            Thread.sleep(5);
            org.apache.lucene.util.IORunnable commit = () -> {
                commits.incrementAndGet();
                index.commit(8);
            };
            merge.look(index, true, commit);
            assertTrue(merge.running(), "a merge started: " + merge.layout());
            assertEquals(before, merge.layout(), "the layout it started from is shown meanwhile");
            for (int i = 0; i < 200 && merge.running(); i++) {
                Thread.sleep(50);
                merge.look(index, true, commit);
            }
            assertFalse(merge.running(), "the merge ends and a look notices");
            assertEquals(new IndexLayout(1, Corpus.documents().size(), 0, merge.layout().bytes()), merge.layout());
            assertEquals(1, commits.get(), "committed once");
            assertTrue(merge.last().startsWith(before.segments() + " segments (" + before.deleted() + " deleted entries) merged into 1 within "),
                    merge.last());
            assertNotNull(merge.lastAt());

            merge.look(index, true, commit);
            assertFalse(merge.running(), "one segment is not merged again");
            assertEquals(1, commits.get());
        }
        try (IndexSearch reopened = IndexSearch.open(folder)) {
            assertEquals(8, reopened.lastCommittedSequence());
            assertEquals(1, reopened.layout().segments(), "the commit holds the merged segment");
            assertEquals(Corpus.documents().size(), reopened.count());
        }
    }

    @Test
    void anIndexWrittenToRecentlyOrBusyWithMaintenanceIsLeftAsItIs(@TempDir Path folder) throws Exception {
        try (IndexSearch index = Corpus.fragmented(IndexSearch.open(folder))) {
            QuietMerge notQuietYet = new QuietMerge(AN_HOUR, () -> Long.MAX_VALUE);
            notQuietYet.look(index, true, () -> { });
            assertFalse(notQuietYet.running());
            IndexLayout before = index.layout();
            assertEquals(before, notQuietYet.layout(), "the layout is noted all the same");

            QuietMerge quiet = new QuietMerge(Duration.ofMillis(1), () -> Long.MAX_VALUE);
            Thread.sleep(5);
            quiet.look(index, false, () -> { });
            assertFalse(quiet.running(), "not while a rebuild, replay or check writes");

            QuietMerge off = new QuietMerge(Duration.ZERO, () -> Long.MAX_VALUE);
            off.look(index, true, () -> { });
            assertFalse(off.running(), "0 minutes turns merging off");
            assertNull(off.last());
            assertEquals(before, index.layout());
        }
    }

    @Test
    void withoutRoomForTheMergedCopyTheIndexIsLeftAsItIs(@TempDir Path folder) throws Exception {
        try (IndexSearch index = Corpus.fragmented(IndexSearch.open(folder))) {
            long bytes = index.layout().bytes();
            QuietMerge cramped = new QuietMerge(Duration.ofMillis(1), () -> 2 * bytes - 1);
            Thread.sleep(5);
            cramped.look(index, true, () -> { });
            assertFalse(cramped.running(), "a merge needs twice the index's size free");
            QuietMerge roomy = new QuietMerge(Duration.ofMillis(1), () -> 2 * bytes);
            roomy.look(index, true, () -> { });
            assertTrue(roomy.running());
        }
    }

    @Test
    void aMergeOfAnIndexReplacedByARecoveryIsForgotten(@TempDir Path first, @TempDir Path second) throws IOException, InterruptedException {
        try (IndexSearch old = Corpus.fragmented(IndexSearch.open(first)); IndexSearch fresh = IndexSearch.open(second)) {
            QuietMerge merge = new QuietMerge(Duration.ofMillis(1), () -> Long.MAX_VALUE);
            Thread.sleep(5);
            merge.look(old, true, () -> { });
            assertTrue(merge.running());
            merge.look(fresh, true, () -> { });
            assertFalse(merge.running(), "the new, empty index has nothing to merge, and the old merge is not reported");
            assertNull(merge.last());
        }
    }
}
