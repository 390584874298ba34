package org.guildhall.search.control;

import java.time.ZoneOffset;
import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;

/**
 * Turns a {@link SearchDocument} into the Lucene document of the index. Each field's choice is
 * explained where it is built; the analyzers per field are in {@link Analyzers}.
 */
public final class DocumentMapper {

    /**
     * Separates the values of a multi-valued field in the highlighter's view of a document
     * ({@code UnifiedHighlighter} joins stored values with NUL); a part's own NULs become spaces,
     * so counting separators before a match tells which part it is in.
     */
    static final char PART_SEPARATOR = '\u0000';
    /** Keyword values are single index terms, which Lucene caps at 32,766 bytes. */
    static final int MAX_KEYWORD_CHARS = 200;

    /**
     * Body text: tokenized, stored (the highlighter needs the characters), and with offsets in
     * the postings so snippets come from the index instead of re-analysing megabytes of text.
     */
    private static final FieldType BODY_TYPE = new FieldType(TextField.TYPE_STORED);

    static {
        BODY_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        BODY_TYPE.freeze();
    }

    public Document map(SearchDocument source) {
        return map(source, 0);
    }

    /** @param stamp the change sequence number the source was read at (0: unknown) */
    public Document map(SearchDocument source, long stamp) {
        Document doc = new Document();
        // one untokenized term per document: updateDocument and deleteDocuments match it, the
        // stored value names the hit, and doc values let the consistency check walk all ids
        doc.add(new KeywordField(Fields.ID, source.id(), Store.YES));
        doc.add(new StringField(Fields.KIND, source.kind().name(), Store.YES));
        // the permission filter's terms and time; never shown, so indexed only
        for (String key : source.access()) {
            doc.add(new StringField(Fields.ACCESS, key, Store.NO));
        }
        doc.add(new LongPoint(Fields.VISIBLE_FROM, source.visibleFrom() == null ? Long.MIN_VALUE : source.visibleFrom().toEpochMilli()));
        // doc values only: the consistency check's per-group counts
        doc.add(new NumericDocValuesField(Fields.GROUP_ID, source.groupId()));
        doc.add(new NumericDocValuesField(Fields.STAMP, stamp));
        // facets are KeywordFields: one indexed term for filters and drill-down, sorted-set doc
        // values for counting (no taxonomy index and no FacetsConfig to keep in step), stored when
        // a hit shows the value
        doc.add(new KeywordField(Fields.GROUP, keyword(source.groupSlug()), Store.YES));
        doc.add(new KeywordField(Fields.TYPE, keyword(source.type()), Store.YES));
        doc.add(new KeywordField(Fields.YEAR, Integer.toString(source.date().atZone(ZoneOffset.UTC).getYear()), Store.NO));
        for (String tag : source.tags()) {
            if (tag != null && !tag.isBlank()) {
                doc.add(new KeywordField(Fields.TAG, keyword(tag), Store.YES));
                // the same tag as words, so a plain search finds "annual meeting" by "meetings"
                doc.add(new TextField(Fields.TAGS_TEXT, tag, Store.NO));
            }
        }
        if (source.author() != null && !source.author().isBlank()) {
            // as written for the facet label; lower-cased pieces for author:lovelace
            doc.add(new KeywordField(Fields.AUTHOR, truncate(source.author().strip()), Store.YES));
            doc.add(new TextField(Fields.AUTHOR_TEXT, source.author(), Store.NO));
        }
        // points for after:/before: ranges, doc values for sorting by date, stored for display
        doc.add(new LongField(Fields.DATE, source.date().toEpochMilli(), Store.YES));
        doc.add(new StoredField(Fields.VERSION, source.version()));
        // the title twice: stemmed for ranking (stored for display), unstemmed for phrases,
        // prefixes, autocomplete and spelling
        doc.add(new TextField(Fields.TITLE, source.title(), Store.YES));
        doc.add(new TextField(Fields.TITLE_EXACT, source.title(), Store.NO));
        if (source.fileName() != null && !source.fileName().isBlank()) {
            doc.add(new TextField(Fields.FILE_NAME, source.fileName(), Store.YES));
        }
        addParts(doc, source);
        return doc;
    }

    /**
     * One value per part, in order, in each body field, with the part's path stored alongside
     * in the same order: one Lucene document per Guildhall document keeps counts, facets and
     * pages exact without joins, and the highlighter's match offset still tells which part (and
     * so which attachment) a snippet came from. Blank parts are left out of all three fields
     * together so the orders stay aligned.
     */
    private static void addParts(Document doc, SearchDocument source) {
        for (SearchDocument.Part part : source.parts()) {
            if (part.text().isBlank()) {
                continue;
            }
            String text = part.text().replace(PART_SEPARATOR, ' ');
            doc.add(new Field(Fields.BODY, text, BODY_TYPE));
            // unstemmed shadow: indexed only, the stored text above serves both
            doc.add(new TextField(Fields.BODY_EXACT, text, Store.NO));
            doc.add(new StoredField(Fields.PART, part.path() == null ? "" : part.path()));
            if (part.path() != null) {
                // an attachment is found by its name too
                doc.add(new TextField(Fields.FILE_NAME, attachmentName(part.path()), Store.NO));
            }
        }
    }

    /** "/minutes.docx" → "minutes.docx"; nested entries keep their chain: "mail.eml/budget.xlsx". */
    static String attachmentName(String path) {
        String name = path.strip();
        while (name.startsWith("/")) {
            name = name.substring(1);
        }
        return name.isEmpty() ? path : name;
    }

    /** Filters compare with what the parser makes of typed values: lower case, single spaces. */
    static String keyword(String value) {
        return truncate(value.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
    }

    private static String truncate(String value) {
        if (value.length() <= MAX_KEYWORD_CHARS) {
            return value;
        }
        int end = Character.isLowSurrogate(value.charAt(MAX_KEYWORD_CHARS)) ? MAX_KEYWORD_CHARS - 1 : MAX_KEYWORD_CHARS;
        return value.substring(0, end);
    }
}
