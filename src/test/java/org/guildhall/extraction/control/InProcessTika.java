package org.guildhall.extraction.control;

import java.nio.file.Path;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;

/**
 * Stock Tika in this JVM, the way the corpus baseline was measured: only for the corpus harness
 * to look again at a file where the outcomes differ. Guildhall itself never parses in-process.
 */
final class InProcessTika {

    private static final AutoDetectParser PARSER = new AutoDetectParser();

    private InProcessTika() {
    }

    /** The text up to the first error, or null when the parser stopped before any handler existed. */
    static String text(Path file) {
        BodyContentHandler handler = new BodyContentHandler(-1);
        Metadata metadata = new Metadata();
        try (TikaInputStream in = TikaInputStream.get(file, metadata)) {
            PARSER.parse(in, handler, metadata, new ParseContext());
        } catch (Exception | OutOfMemoryError e) {
            // what came out before the error is what the baseline counted
        }
        return handler.toString();
    }
}
