package org.guildhall.search.control;

/**
 * The index's field names in one place, so the mapper, the query builder and the searcher agree.
 * Why each field is built the way it is is said in {@link DocumentMapper}.
 */
final class Fields {

    static final String ID = "id";
    static final String KIND = "kind";
    /** The change sequence number the entry was built from: the consistency check compares it. */
    static final String STAMP = "stamp";
    static final String GROUP_ID = "group_id";
    /** The {@link Readers} keys that may see the entry: the permission filter. */
    static final String ACCESS = "access";
    /** Epoch millis from which the entry is visible; the permission filter compares it with the search's time. */
    static final String VISIBLE_FROM = "visible_from";
    static final String GROUP = "group";
    static final String TYPE = "type";
    static final String TAG = "tag";
    static final String AUTHOR = "author";
    static final String YEAR = "year";
    static final String DATE = "date";
    static final String VERSION = "version";
    /** English-stemmed title: ranking. */
    static final String TITLE = "title";
    /** Unstemmed title: phrases, prefixes, autocomplete, spelling and words in other languages. */
    static final String TITLE_EXACT = "title_exact";
    static final String TAGS_TEXT = "tags_text";
    /** English-stemmed text of all parts, stored with offsets for snippets. */
    static final String BODY = "body";
    /** Unstemmed text of all parts: phrases, stop words, spelling, words in other languages. */
    static final String BODY_EXACT = "body_exact";
    /** The path of each part, in the order of {@link #BODY}'s values ("" for the file itself). */
    static final String PART = "part";
    static final String FILE_NAME = "file_name";
    static final String AUTHOR_TEXT = "author_text";

    private Fields() {
    }
}
