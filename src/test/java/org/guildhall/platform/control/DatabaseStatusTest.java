package org.guildhall.platform.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.io.UncheckedIOException;
import java.sql.SQLNonTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures came from the database: only those may be answered "temporarily unavailable". */
class DatabaseStatusTest {

    @Test
    void aDriverFailureWrappedByJpaAndTheTransactionIsTheDatabase() {
        Exception driver = new SQLNonTransientConnectionException("Connection is broken", "08006");
        assertTrue(DatabaseStatus.involvesDatabase(new TransactionalException("rolled back", new PersistenceException(driver))));
        assertTrue(DatabaseStatus.involvesDatabase(new PersistenceException("no connection")));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(DatabaseStatus.involvesDatabase(new IllegalStateException("a bug")));
        assertFalse(DatabaseStatus.involvesDatabase(new UncheckedIOException(new java.io.IOException("disk"))));
        assertFalse(DatabaseStatus.involvesDatabase(null));
    }
}
