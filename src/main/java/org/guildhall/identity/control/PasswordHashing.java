package org.guildhall.identity.control;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes in the format of Jakarta Security's Pbkdf2PasswordHash,
 * {@code PBKDF2WithHmacSHA256:<iterations>:<salt>:<hash>}, so each hash records how it was made
 * and older hashes keep verifying when the iteration count rises. 600,000 iterations is
 * OWASP's figure for PBKDF2-HMAC-SHA256 (2023); Jakarta's default of 2,048 is far too few.
 */
public class PasswordHashing {

    public static final int MIN_ITERATIONS = 600_000;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 32;
    private static final int KEY_BITS = 256;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    public PasswordHashing() {
        this(MIN_ITERATIONS);
    }

    public PasswordHashing(int iterations) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("At least " + MIN_ITERATIONS + " iterations, not " + iterations);
        }
        this.iterations = iterations;
    }

    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder();
        return ALGORITHM + ":" + iterations + ":" + base64.encodeToString(salt) + ":"
                + base64.encodeToString(derive(password, salt, iterations, KEY_BITS));
    }

    public boolean verify(char[] password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split(":");
        if (parts.length != 4 || !ALGORITHM.equals(parts[0])) {
            return false;
        }
        try {
            int storedIterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, storedIterations, expected.length * 8));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** How many iterations a stored hash was made with, or 0 when it is not one of ours. */
    public static int iterationsOf(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split(":");
        try {
            return parts.length == 4 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK lacks " + ALGORITHM, e);
        } finally {
            spec.clearPassword();
        }
    }
}
