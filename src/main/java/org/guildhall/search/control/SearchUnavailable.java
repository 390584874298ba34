package org.guildhall.search.control;

/** The index cannot answer at all (it could not be opened); the message is for the user. */
public class SearchUnavailable extends RuntimeException {

    public SearchUnavailable(String message) {
        super(message);
    }
}
