package org.guildhall.documents.control;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Tags as people type them ("Minutes, AGM 2026") made into a clean set: lower case, trimmed, short, few. */
public final class Tags {

    static final int MAX_TAGS = 20;
    static final int MAX_LENGTH = 64;

    private Tags() {
    }

    public static Set<String> parse(String commaSeparated) {
        return commaSeparated == null ? new TreeSet<>() : clean(java.util.Arrays.asList(commaSeparated.split("[,;]")));
    }

    public static Set<String> clean(Collection<String> raw) {
        Set<String> tags = new TreeSet<>();
        if (raw == null) {
            return tags;
        }
        for (String tag : raw) {
            if (tag == null) {
                continue;
            }
            String clean = Normalizer.normalize(tag, Normalizer.Form.NFC).codePoints()
                    .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                    .toString().strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            if (!clean.isEmpty() && tags.size() < MAX_TAGS) {
                tags.add(clean.length() > MAX_LENGTH ? clean.substring(0, MAX_LENGTH) : clean);
            }
        }
        return tags;
    }
}
