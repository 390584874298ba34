package org.guildhall.feeds.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Conditional GET for a body already written: the ETag is a hash of the bytes, so it changes
 * exactly when the feed does (an edit, a new item, one that expired); Last-Modified is the
 * newest item's change. {@code If-None-Match} wins over {@code If-Modified-Since} (RFC 9110
 * 13.1.3), which matters when an item disappears without anything newer appearing.
 */
public record Conditional(String etag, Instant lastModified) {

    public static Conditional of(String body, Instant lastModified) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return new Conditional("\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"", lastModified.truncatedTo(ChronoUnit.SECONDS));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the client's copy is current: answer 304 Not Modified. */
    public boolean notModified(String ifNoneMatch, String ifModifiedSince) {
        if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.strip();
                if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                    return true;
                }
            }
            return false;
        }
        if (ifModifiedSince != null && !ifModifiedSince.isBlank()) {
            try {
                Instant since = ZonedDateTime.parse(ifModifiedSince.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return !lastModified.isAfter(since);
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }

    public String lastModifiedHeader() {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModified.atZone(ZoneOffset.UTC));
    }
}
