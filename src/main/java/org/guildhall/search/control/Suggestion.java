package org.guildhall.search.control;

/** A completion for what is being typed: a title or a tag someone may see. */
public record Suggestion(String text, Source source) {

    public enum Source {
        TITLE,
        TAG
    }
}
