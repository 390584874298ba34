package org.guildhall.documents.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.guildhall.platform.control.DataFolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blobs put by transactions that end without committing (the database went away) do not stay behind. */
class BlobStoreTest {

    static final String SHA = "ab".repeat(32);

    @TempDir
    Path data;

    BlobStore cut;
    Transactions transactions;

    @BeforeEach
    void init() {
        cut = new BlobStore();
        cut.dataFolder = new DataFolder() {
            @Override
            public Path root() {
                return data;
            }
        };
        transactions = new Transactions();
        cut.transactions = transactions;
        cut.init();
    }

    @Test
    void aBlobCreatedByATransactionThatRolledBackIsRemoved() throws Exception {
        Synchronization tx = put();
        assertTrue(Files.exists(cut.path(SHA)), "the blob is there while the transaction runs");
        tx.afterCompletion(Status.STATUS_ROLLEDBACK);
        assertFalse(Files.exists(cut.path(SHA)), "no blob without a row");
    }

    @Test
    void aCommittedBlobStays() throws Exception {
        put().afterCompletion(Status.STATUS_COMMITTED);
        assertTrue(Files.exists(cut.path(SHA)));
    }

    @Test
    void aBlobThatWasThereBeforeStaysWhenALaterTransactionRollsBack() throws Exception {
        put().afterCompletion(Status.STATUS_COMMITTED);
        put().afterCompletion(Status.STATUS_ROLLEDBACK);
        assertTrue(Files.exists(cut.path(SHA)), "an earlier version still uses it");
    }

    @Test
    void aBlobSharedWithATransactionThatCommitsStays() throws Exception {
        Synchronization creator = put();
        Synchronization sharer = put();
        creator.afterCompletion(Status.STATUS_ROLLEDBACK);
        assertTrue(Files.exists(cut.path(SHA)), "the second transaction may still commit");
        sharer.afterCompletion(Status.STATUS_COMMITTED);
        assertTrue(Files.exists(cut.path(SHA)));
    }

    @Test
    void aBlobGoesWhenEveryTransactionUsingItRolledBack() throws Exception {
        Synchronization creator = put();
        Synchronization sharer = put();
        sharer.afterCompletion(Status.STATUS_ROLLEDBACK);
        assertTrue(Files.exists(cut.path(SHA)));
        creator.afterCompletion(Status.STATUS_ROLLEDBACK);
        assertFalse(Files.exists(cut.path(SHA)));
    }

    @Test
    void anUnknownOutcomeKeepsTheBlob() throws Exception {
        // a commit whose answer was lost may have committed: a row without its blob would be worse
        put().afterCompletion(Status.STATUS_UNKNOWN);
        assertTrue(Files.exists(cut.path(SHA)));
    }

    private Synchronization put() throws Exception {
        Path staged = Files.createTempFile(Files.createDirectories(cut.stagingFolder()), "upload", ".tmp");
        Files.writeString(staged, "bytes", StandardCharsets.UTF_8);
        cut.put(staged, SHA);
        assertFalse(Files.exists(staged), "the staged file moved in or went");
        return transactions.registered.getLast();
    }

    /** Only what BlobStore uses: the interposed synchronizations it registers. */
    static final class Transactions implements TransactionSynchronizationRegistry {
        final List<Synchronization> registered = new ArrayList<>();

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            registered.add(sync);
        }

        @Override
        public Object getTransactionKey() {
            return null;
        }

        @Override
        public void putResource(Object key, Object value) {
        }

        @Override
        public Object getResource(Object key) {
            return null;
        }

        @Override
        public int getTransactionStatus() {
            return Status.STATUS_ACTIVE;
        }

        @Override
        public void setRollbackOnly() {
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }
}
