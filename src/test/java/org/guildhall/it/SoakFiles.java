package org.guildhall.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.guildhall.it.Portal.Upload;

/**
 * Files for the soak: committee papers generated on the fly as txt, html, docx (POI) and pdf
 * (PDFBox), 1–30 KB of text each with a word no other file has (so a search can find exactly
 * that file), and a sample of small real files from the shared corpus that stock Tika reads.
 * Nothing is written to disk or committed.
 */
public final class SoakFiles {

    static final List<String> FORMATS = List.of("txt", "txt", "txt", "html", "html", "docx", "docx", "pdf", "pdf", "txt");
    private static final Set<String> CORPUS_TYPES = Set.of("pdf", "docx", "doc", "xlsx", "xls", "pptx", "ppt", "odt", "rtf", "html", "txt");
    private static final String[] WORDS = ("agenda minutes committee budget treasurer secretary chair member meeting annual report"
            + " library catalogue archive record metadata subject heading authority index volume journal serial binding"
            + " conservation digitisation scanner preservation storage shelving reading room loan renewal reserve"
            + " cataloguer classification thesaurus vocabulary schema crosswalk harvest repository licence copyright"
            + " workshop conference programme speaker session lunch venue travel bursary grant proposal deadline"
            + " survey response careers mentoring vacancy interview training course certificate professional ethics"
            + " health clinical evidence review search strategy database protocol guideline nursing medicine patient"
            + " newsletter editor article column feature winter spring summer autumn harbour orchard lantern meadow"
            + " quarry bridge castle ferry granite willow thistle heather marmalade chutney pickle kettle teapot biscuit")
            .split(" ");

    private SoakFiles() {
    }

    /** The word only document {@code n} of run {@code run} contains: letters and digits, one token for the analyzer. */
    static String marker(String run, int n) {
        return "sk" + run + "x" + n;
    }

    /** Document {@code n}: its format by {@code n}, its text by a seed of {@code n}, its marker in title and text. */
    static Upload generated(String run, int n) {
        Random random = new Random(n * 7919L + run.hashCode());
        String format = FORMATS.get(n % FORMATS.size());
        String marker = marker(run, n);
        String title = "Soak paper " + marker + " on " + word(random) + " and " + word(random);
        List<String> paragraphs = new ArrayList<>();
        int target = 1_000 + random.nextInt(29_000);
        int length = 0;
        while (length < target) {
            StringBuilder p = new StringBuilder();
            int words = 20 + random.nextInt(120);
            for (int i = 0; i < words; i++) {
                p.append(i == 0 ? "" : " ").append(word(random));
            }
            if (paragraphs.isEmpty()) {
                p.append(" ").append(marker);
            }
            p.append('.');
            paragraphs.add(p.toString());
            length += p.length();
        }
        String name = "soak-" + n + "." + format;
        return new Upload(name, switch (format) {
            case "txt" -> (title + "\n\n" + String.join("\n\n", paragraphs) + "\n").getBytes(StandardCharsets.UTF_8);
            case "html" -> html(title, null, null, paragraphs);
            case "docx" -> docx(title, null, null, paragraphs);
            case "pdf" -> pdf(title, null, null, paragraphs);
            default -> throw new IllegalArgumentException(format);
        });
    }

    static String word(Random random) {
        return WORDS[random.nextInt(WORDS.length)];
    }

    /**
     * Up to {@code max} small files of the shared corpus that stock Tika read with text (its
     * baseline), spread over the corpus, of types the default upload allow-list takes.
     */
    static List<Path> corpusSample(Path corpus, int max) throws IOException {
        Path baseline = corpus.resolve("tika-3.3.1-baseline.tsv");
        if (!Files.isRegularFile(baseline)) {
            return List.of();
        }
        List<Path> candidates = new ArrayList<>();
        List<String> lines = Files.readAllLines(baseline);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            String extension = f[0].substring(f[0].lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            Path file = corpus.resolve(f[0]);
            if (f[1].equals("OK") && Long.parseLong(f[2]) > 200 && CORPUS_TYPES.contains(extension)
                    && Files.isRegularFile(file) && Files.size(file) <= 300_000) {
                candidates.add(file);
            }
        }
        List<Path> sample = new ArrayList<>();
        for (int i = 0; i < max && !candidates.isEmpty(); i++) {
            Path file = candidates.get((int) ((long) i * candidates.size() / max));
            if (!sample.contains(file)) {
                sample.add(file);
            }
        }
        return sample;
    }

    /** A web page of these paragraphs; author and date (null for none) in its meta tags. */
    public static byte[] html(String title, String author, LocalDate date, List<String> paragraphs) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(title).append("</title>");
        if (author != null) {
            html.append("<meta name=\"author\" content=\"").append(author).append("\">");
        }
        if (date != null) {
            html.append("<meta name=\"date\" content=\"").append(date).append("\">");
        }
        html.append("</head>\n<body><h1>").append(title).append("</h1>\n");
        paragraphs.forEach(p -> html.append("<p>").append(p).append("</p>\n"));
        return html.append("</body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A Word document (POI) of these paragraphs; author and date (null for none) in its properties. */
    public static byte[] docx(String title, String author, LocalDate date, List<String> paragraphs) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getProperties().getCoreProperties().setTitle(title);
            if (author != null) {
                doc.getProperties().getCoreProperties().setCreator(author);
            }
            if (date != null) {
                doc.getProperties().getCoreProperties().setCreated(java.util.Optional.of(
                        java.util.Date.from(date.atTime(9, 0).toInstant(ZoneOffset.UTC))));
            }
            doc.createParagraph().createRun().setText(title);
            for (String p : paragraphs) {
                doc.createParagraph().createRun().setText(p);
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF (PDFBox, Helvetica, 60 lines a page) of these paragraphs; author and date (null for none) in its information. */
    public static byte[] pdf(String title, String author, LocalDate date, List<String> paragraphs) {
        List<String> lines = new ArrayList<>(List.of(title, ""));
        for (String p : paragraphs) {
            StringBuilder line = new StringBuilder();
            for (String w : p.split(" ")) {
                if (line.length() + w.length() + 1 > 95) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.isEmpty() ? "" : " ").append(w);
            }
            lines.add(line.toString());
            lines.add("");
        }
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(title);
            if (author != null) {
                info.setAuthor(author);
            }
            if (date != null) {
                Calendar created = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC));
                created.setTimeInMillis(date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
                info.setCreationDate(created);
            }
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int start = 0; start < lines.size(); start += 60) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    content.beginText();
                    content.setFont(font, 10);
                    content.setLeading(12);
                    content.newLineAtOffset(40, 750);
                    for (String line : lines.subList(start, Math.min(lines.size(), start + 60))) {
                        content.showText(line);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
