package org.guildhall.search.control;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guildhall.search.control.ParsedQuery.Filters;

/**
 * The filters of one query as they are read: values made to compare with the index's keywords
 * (lower case, single spaces), type names people use mapped to Guildhall's kinds, dates read
 * leniently (2026, 2026-03, 2026-03-14, with - / or . between).
 */
final class FilterReading {

    static final int MAX_VALUES = 20;
    private static final Pattern DATE = Pattern.compile("(\\d{4})(?:[-/.](\\d{1,2})(?:[-/.](\\d{1,2}))?)?");
    /** What people type for the kinds {@code DocumentTypes.kind} produces. */
    private static final Map<String, String> TYPE_ALIASES = Map.ofEntries(
            Map.entry("doc", "word"), Map.entry("docx", "word"), Map.entry("odt", "word"), Map.entry("rtf", "word"),
            Map.entry("xls", "spreadsheet"), Map.entry("xlsx", "spreadsheet"), Map.entry("ods", "spreadsheet"),
            Map.entry("csv", "spreadsheet"), Map.entry("excel", "spreadsheet"),
            Map.entry("ppt", "slides"), Map.entry("pptx", "slides"), Map.entry("odp", "slides"),
            Map.entry("powerpoint", "slides"), Map.entry("presentation", "slides"),
            Map.entry("mail", "email"), Map.entry("eml", "email"), Map.entry("msg", "email"),
            Map.entry("txt", "text"), Map.entry("htm", "html"), Map.entry("epub", "ebook"), Map.entry("zip", "archive"),
            Map.entry("announcements", SearchDocument.ANNOUNCEMENT_TYPE));

    private final Set<String> groups = new LinkedHashSet<>();
    private final Set<String> tags = new LinkedHashSet<>();
    private final Set<String> types = new LinkedHashSet<>();
    private final Set<String> authors = new LinkedHashSet<>();
    private LocalDate after;
    private LocalDate before;

    /**
     * @return false when the value cannot be a filter of this name (a date that is no date), so
     *         the caller reads the token as words instead; true when it was taken or ignored
     */
    boolean add(String name, String value, boolean negated) {
        String clean = value.strip().replaceAll("\\s+", " ");
        if (clean.isEmpty()) {
            // "group:" alone says nothing
            return true;
        }
        switch (name) {
            case "group" -> addTo(groups, DocumentMapper.keyword(clean));
            case "tag" -> addTo(tags, DocumentMapper.keyword(clean));
            case "type" -> addTo(types, type(clean));
            case "author" -> addTo(authors, clean);
            case "after", "before" -> {
                LocalDate date = date(clean);
                if (date == null) {
                    return false;
                }
                // "-after:2020" has no sensible reading; it is dropped (and so not in "understood")
                if (!negated) {
                    if (name.equals("after")) {
                        after = date;
                    } else {
                        before = date;
                    }
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void addTo(Set<String> values, String value) {
        if (values.size() < MAX_VALUES) {
            values.add(value);
        }
    }

    static String type(String value) {
        String kind = DocumentMapper.keyword(value);
        return TYPE_ALIASES.getOrDefault(kind, kind);
    }

    /** The first day the text names: 2026 is 1 January 2026; null when it is no date. */
    static LocalDate date(String text) {
        Matcher m = DATE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        try {
            int year = Integer.parseInt(m.group(1));
            int month = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    Filters filters() {
        return new Filters(List.copyOf(groups), List.copyOf(tags), List.copyOf(types), List.copyOf(authors), after, before);
    }

    List<String> understood(String sign) {
        List<String> parts = new ArrayList<>();
        groups.forEach(v -> parts.add(sign + "group:" + quoted(v)));
        tags.forEach(v -> parts.add(sign + "tag:" + quoted(v)));
        types.forEach(v -> parts.add(sign + "type:" + quoted(v)));
        authors.forEach(v -> parts.add(sign + "author:" + quoted(v)));
        if (after != null) {
            parts.add("after:" + after);
        }
        if (before != null) {
            parts.add("before:" + before);
        }
        return parts;
    }

    private static String quoted(String value) {
        return value.contains(" ") ? '"' + value + '"' : value;
    }
}
