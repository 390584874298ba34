package org.guildhall.announcements.control;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The allow-list for announcement bodies, with the OWASP Java HTML Sanitizer: what the
 * PrimeFaces text editor (Quill) produces for text, headings, lists, quotes, code and links,
 * and nothing else. Applied before a body is stored and again wherever one is written
 * unescaped (pages, feeds), so a row written by an older policy or by hand is still safe.
 * <ul>
 * <li>no scripts, no event handlers, no {@code style} attributes or elements (nothing can
 *     overlay the page), no forms, frames, objects, SVG or MathML;</li>
 * <li>links only to http, https and mailto, each with {@code rel="nofollow noopener"};</li>
 * <li>no images at all: a remote image tracks whoever opens the announcement or the feed
 *     (attach pictures as documents instead).</li>
 * </ul>
 * Quill's alignment and indent classes are kept; no other class is.
 */
public final class RichText {

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "span",
                    "h1", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "pre", "code", "a")
            .allowAttributes("class").matching(Pattern.compile("(ql-(align-(center|right|justify)|indent-[1-8]|syntax))( ql-[a-z0-9-]+)*"))
            .onElements("p", "li", "h1", "h2", "h3", "h4", "pre")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href").onElements("a")
            .requireRelsOnLinks("nofollow", "noopener")
            .toFactory();

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern BLOCK_END = Pattern.compile("(?i)</(p|h[1-4]|li|blockquote|pre)>|<br\\s*/?>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);");
    private static final Pattern RELATIVE_HREF = Pattern.compile("href=\"/(?!/)");

    private RichText() {
    }

    /** The body as it may be stored and shown: allowed markup only. Null becomes empty. */
    public static String sanitize(String html) {
        return html == null ? "" : POLICY.sanitize(html).strip();
    }

    /** The text a reader sees, without markup: for search, summaries and plain-text places. */
    public static String plainText(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        String text = TAG.matcher(BLOCK_END.matcher(sanitize(html)).replaceAll("$0\n")).replaceAll("");
        Matcher entity = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (entity.find()) {
            entity.appendReplacement(out, Matcher.quoteReplacement(decode(entity.group(1))));
        }
        entity.appendTail(out);
        return out.toString().replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll(" ?\\n ?", "\n").replaceAll("\\n{2,}", "\n").strip();
    }

    /**
     * The sanitized body with links to this portal's own pages made absolute, as feed readers
     * need them ({@code base} without a trailing slash, such as {@code https://guildhall.example}).
     */
    public static String absolute(String html, String base) {
        return RELATIVE_HREF.matcher(sanitize(html)).replaceAll(Matcher.quoteReplacement("href=\"" + base + "/"));
    }

    private static String decode(String entity) {
        return switch (entity) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> {
                int code = entity.startsWith("#x") ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1));
                yield Character.isValidCodePoint(code) ? Character.toString(code) : "";
            }
        };
    }
}
