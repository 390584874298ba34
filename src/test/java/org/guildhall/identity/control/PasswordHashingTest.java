package org.guildhall.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashingTest {

    final PasswordHashing cut = new PasswordHashing();

    @Test
    void hashRecordsAlgorithmAndAtLeast600000Iterations() {
        String hash = cut.hash("correct horse battery".toCharArray());
        assertTrue(hash.startsWith("PBKDF2WithHmacSHA256:"), hash);
        assertTrue(PasswordHashing.iterationsOf(hash) >= 600_000);
    }

    @Test
    void rightPasswordVerifiesAndWrongOneDoesNot() {
        String hash = cut.hash("correct horse battery".toCharArray());
        assertTrue(cut.verify("correct horse battery".toCharArray(), hash));
        assertFalse(cut.verify("correct horse batterY".toCharArray(), hash));
        assertFalse(cut.verify("".toCharArray(), hash));
    }

    @Test
    void sameSecretHashesDifferentlyEachTime() {
        assertNotEquals(cut.hash("same".toCharArray()), cut.hash("same".toCharArray()));
    }

    @Test
    void malformedOrForeignHashesNeverVerify() {
        assertFalse(cut.verify("x".toCharArray(), null));
        assertFalse(cut.verify("x".toCharArray(), "plain-text-password"));
        assertFalse(cut.verify("x".toCharArray(), "MD5:1:abc:def"));
        assertFalse(cut.verify("x".toCharArray(), "PBKDF2WithHmacSHA256:many:abc:def"));
        assertEquals(0, PasswordHashing.iterationsOf("garbage"));
    }

    @Test
    void tooFewIterationsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHashing(2048));
    }
}
