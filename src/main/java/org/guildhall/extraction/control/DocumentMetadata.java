package org.guildhall.extraction.control;

import java.time.Instant;

/**
 * What the file says about itself, as its parser reported it; any field may be null.
 *
 * @param language    the language the document declares (Word, ODF, PDF and HTML can), not a
 *                    guess: Tika's standard parsers carry no language detector
 * @param pages       pages, or slides for a presentation, when the format counts them
 * @param contentType the media type Tika detected, with its parameters (e.g. a charset)
 */
public record DocumentMetadata(String title, String author, Instant created, String language, Integer pages,
        String contentType) {

    public static final DocumentMetadata NONE = new DocumentMetadata(null, null, null, null, null, null);
}
