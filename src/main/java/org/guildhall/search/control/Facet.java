package org.guildhall.search.control;

/** The dimensions people narrow a search by; each is a keyword field with doc values. */
public enum Facet {
    GROUP(Fields.GROUP),
    TYPE(Fields.TYPE),
    YEAR(Fields.YEAR),
    TAG(Fields.TAG),
    AUTHOR(Fields.AUTHOR);

    private final String field;

    Facet(String field) {
        this.field = field;
    }

    String field() {
        return field;
    }
}
