package org.guildhall.extraction.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;

/**
 * Hostile files, generated on the spot so that no such binary lives in the repository: zip bombs
 * in the shape of a DOCX and of nested zips, billion laughs, external entities, a 10,000-page
 * PDF, a pixel flood, polyglots. Each is small on disk; what it does to a parser is the point.
 */
public final class HostileFiles {

    /** The first line of /etc/passwd on any Unix: an XXE that reached the file would show it. */
    public static final String PASSWD_LINE = "root:x:0:0";
    public static final String WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    private HostileFiles() {
    }

    /**
     * A DOCX whose word/document.xml inflates to {@code gigabytes} GiB of text inside one
     * paragraph, while the file stays a few megabytes: the deflate stream repeats one
     * fully-flushed compressed block, so it is written in a moment.
     */
    public static byte[] docxBomb(int gigabytes) {
        byte[] block = "guildhall ".repeat(100_000)
                .getBytes(StandardCharsets.US_ASCII);
        String prefix = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<w:document xmlns:w=\"" + WORD_NS + "\"><w:body><w:p><w:r><w:t>";
        String suffix = "</w:t></w:r></w:p></w:body></w:document>";
        long repeats = (long) gigabytes * 1024 * 1024 * 1024 / block.length;
        ZipBuilder zip = docxSkeleton();
        zip.repeated("word/document.xml", prefix.getBytes(StandardCharsets.UTF_8), block, repeats,
                suffix.getBytes(StandardCharsets.UTF_8));
        return zip.bytes();
    }

    /**
     * Zips in zips, {@code copies} of each level in the next, {@code depth} levels: the leaves
     * hold {@code copies^depth} times a megabyte of text.
     */
    public static byte[] nestedZips(int depth, int copies) {
        byte[] level = new ZipBuilder().entry("minutes.txt",
                "Nested minutes of the guildhall committee.\n".repeat(24_000).getBytes(StandardCharsets.US_ASCII)).bytes();
        for (int d = 1; d <= depth; d++) {
            ZipBuilder next = new ZipBuilder();
            for (int c = 0; c < copies; c++) {
                next.entry("level" + d + "-" + c + ".zip", level);
            }
            level = next.bytes();
        }
        return level;
    }

    /** The billion laughs: ten entities of ten, nine levels deep, a billion "lol"s when expanded. */
    public static String billionLaughsDoctype(String root) {
        StringBuilder doctype = new StringBuilder("<!DOCTYPE " + root + " [\n<!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            doctype.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        return doctype.append("]>\n").toString();
    }

    public static byte[] docxBillionLaughs() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + billionLaughsDoctype("w:document")
                + "<w:document xmlns:w=\"" + WORD_NS + "\"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>";
        return docxSkeleton().entry("word/document.xml", xml.getBytes(StandardCharsets.UTF_8)).bytes();
    }

    public static byte[] svgBillionLaughs() {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + billionLaughsDoctype("svg")
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\"><title>&lol9;</title>"
                + "<text x=\"0\" y=\"15\">&lol9;</text></svg>").getBytes(StandardCharsets.UTF_8);
    }

    /** Entities that would read /etc/passwd and call {@code url}; the text shows them where a parser expands them. */
    static String xxeDoctype(String root, String url) {
        return "<!DOCTYPE " + root + " [\n<!ENTITY passwd SYSTEM \"file:///etc/passwd\">\n"
                + "<!ENTITY remote SYSTEM \"" + url + "\">\n<!ENTITY % dtd SYSTEM \"" + url + "-dtd\">\n%dtd;\n]>\n";
    }

    /** A DOCX whose main part, comments and core properties each try to read /etc/passwd and fetch {@code url}. */
    public static byte[] docxXxe(String url) {
        String document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xxeDoctype("w:document", url)
                + "<w:document xmlns:w=\"" + WORD_NS + "\"><w:body><w:p><w:r><w:t>Agenda item one. [&passwd;] [&remote;]</w:t></w:r></w:p></w:body></w:document>";
        String core = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xxeDoctype("cp:coreProperties", url)
                + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>&passwd;&remote;</dc:title></cp:coreProperties>";
        return docxSkeleton()
                .entry("word/document.xml", document.getBytes(StandardCharsets.UTF_8))
                .entry("docProps/core.xml", core.getBytes(StandardCharsets.UTF_8))
                .bytes();
    }

    /**
     * A PDF with one page of ordinary text and an XFA form whose XML declares external entities
     * to /etc/passwd and to {@code url} (CVE-2025-54988 / CVE-2025-66516: Tika before 3.2.2
     * expanded them).
     */
    public static byte[] pdfXfaXxe(String url) {
        String xfa = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xxeDoctype("xdp:xdp", url)
                + "<xdp:xdp xmlns:xdp=\"http://ns.adobe.com/xdp/\">"
                + "<template xmlns=\"http://www.xfa.org/schema/xfa-template/3.3/\"><subform name=\"form1\">"
                + "<field name=\"secret\"><caption><value><text>Caption [&passwd;] [&remote;]</text></value></caption></field>"
                + "</subform></template>"
                + "<xfa:datasets xmlns:xfa=\"http://www.xfa.org/schema/xfa-data/1.0/\"><xfa:data><form1>"
                + "<secret>Value [&passwd;] [&remote;]</secret></form1></xfa:data></xfa:datasets></xdp:xdp>";
        try (PDDocument pdf = new PDDocument()) {
            addTextPage(pdf, "Membership form with XFA");
            PDAcroForm form = new PDAcroForm(pdf);
            COSStream stream = pdf.getDocument().createCOSStream();
            try (OutputStream out = stream.createOutputStream()) {
                out.write(xfa.getBytes(StandardCharsets.UTF_8));
            }
            form.getCOSObject().setItem(COSName.XFA, stream);
            pdf.getDocumentCatalog().setAcroForm(form);
            return save(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF of {@code pages} pages (they share one content stream, so the file stays small). */
    public static byte[] manyPagePdf(int pages) {
        try (PDDocument pdf = new PDDocument()) {
            PDPage first = addTextPage(pdf, "Page after page of the annual report");
            for (int i = 1; i < pages; i++) {
                PDPage page = new PDPage();
                page.setResources(first.getResources());
                page.getCOSObject().setItem(COSName.CONTENTS, first.getCOSObject().getItem(COSName.CONTENTS));
                pdf.addPage(page);
            }
            return save(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-page PDF with that text. */
    public static byte[] textPdf(String text) {
        try (PDDocument pdf = new PDDocument()) {
            addTextPage(pdf, text);
            return save(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG whose header claims {@code width} × {@code height} RGBA pixels, with almost no data behind it. */
    public static byte[] pixelFlood(int width, int height) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).order(ByteOrder.BIG_ENDIAN);
        ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        // one deflated run of zeros: a decoder that believes the header allocates 40 GB for it
        chunk(png, "IDAT", deflate(new byte[64 * 1024]));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /**
     * A PDF that is also a zip (appended, as readers find a zip by its end) holding an HTML page
     * with a script: typed by its first bytes it is a PDF, and must stay one.
     */
    public static byte[] pdfZipHtmlPolyglot(String pdfText) {
        byte[] pdf = textPdf(pdfText);
        byte[] zip = new ZipBuilder().entry("index.html",
                "<html><body><script>alert(document.cookie)</script>polyglot</body></html>".getBytes(StandardCharsets.UTF_8)).bytes();
        byte[] both = Arrays.copyOf(pdf, pdf.length + zip.length);
        System.arraycopy(zip, 0, both, pdf.length, zip.length);
        return both;
    }

    /** A GIF header that is also a line of JavaScript ("GIFAR"-style): an image with no text. */
    public static byte[] gifScriptPolyglot() {
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a', 0x2f, 0x2a, 0x01, 0x00, (byte) 0x80, 0x00, 0x00,
            (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
            0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b};
        byte[] script = "*/=1;alert(document.domain);/*".getBytes(StandardCharsets.US_ASCII);
        byte[] both = Arrays.copyOf(gif, gif.length + script.length);
        System.arraycopy(script, 0, both, gif.length, script.length);
        return both;
    }

    /** A small, ordinary DOCX with that paragraph: what must still extract after the hostile ones. */
    public static byte[] plainDocx(String paragraph) {
        String document = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<w:document xmlns:w=\"" + WORD_NS + "\"><w:body><w:p><w:r><w:t>" + paragraph
                + "</w:t></w:r></w:p></w:body></w:document>";
        return docxSkeleton().entry("word/document.xml", document.getBytes(StandardCharsets.UTF_8)).bytes();
    }

    public static Path write(Path folder, String name, byte[] content) {
        try {
            return Files.write(folder.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- building blocks -----------------------------------------------------------------------

    private static ZipBuilder docxSkeleton() {
        String types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
                + "</Types>";
        String rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
                + "</Relationships>";
        String core = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Committee paper</dc:title></cp:coreProperties>";
        return new ZipBuilder()
                .entry("[Content_Types].xml", types.getBytes(StandardCharsets.UTF_8))
                .entry("_rels/.rels", rels.getBytes(StandardCharsets.UTF_8))
                .defaultEntry("docProps/core.xml", core.getBytes(StandardCharsets.UTF_8));
    }

    private static PDPage addTextPage(PDDocument pdf, String text) throws IOException {
        PDPage page = new PDPage();
        pdf.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
            content.beginText();
            content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
            content.newLineAtOffset(72, 720);
            content.showText(text);
            content.endText();
        }
        return page;
    }

    private static byte[] save(PDDocument pdf) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pdf.save(out);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** zlib-wrapped, as PNG wants. */
    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(9);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /**
     * Writes zip files by hand, so that an entry's deflated data may be one compressed block
     * repeated (a bomb written in milliseconds). Entries over 4 GiB would need zip64: not offered.
     */
    static final class ZipBuilder {

        private record Entry(String name, byte[] compressed, long size, long crc) {
        }

        private final Map<String, Entry> entries = new LinkedHashMap<>();

        ZipBuilder entry(String name, byte[] content) {
            CRC32 crc = new CRC32();
            crc.update(content);
            entries.put(name, new Entry(name, rawDeflate(List.of(content), true), content.length, crc.getValue()));
            return this;
        }

        /** Only when no entry of that name exists yet. */
        ZipBuilder defaultEntry(String name, byte[] content) {
            return entries.containsKey(name) ? this : entry(name, content);
        }

        ZipBuilder repeated(String name, byte[] prefix, byte[] block, long repeats, byte[] suffix) {
            long size = prefix.length + block.length * repeats + suffix.length;
            if (size >= 0xFFFFFFFFL) {
                throw new IllegalArgumentException("over 4 GiB needs zip64");
            }
            CRC32 crc = new CRC32();
            crc.update(prefix);
            for (long i = 0; i < repeats; i++) {
                crc.update(block);
            }
            crc.update(suffix);
            // after a full flush the deflater forgets what came before, so each block compresses alike
            Deflater deflater = new Deflater(9, true);
            byte[] head = flush(deflater, prefix, Deflater.FULL_FLUSH);
            byte[] body = flush(deflater, block, Deflater.FULL_FLUSH);
            byte[] again = flush(deflater, block, Deflater.FULL_FLUSH);
            if (!Arrays.equals(body, again)) {
                throw new IllegalStateException("a fully flushed block does not compress alike twice");
            }
            deflater.setInput(suffix);
            deflater.finish();
            ByteArrayOutputStream tail = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                tail.write(buffer, 0, deflater.deflate(buffer));
            }
            deflater.end();
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            compressed.writeBytes(head);
            for (long i = 0; i < repeats; i++) {
                compressed.writeBytes(body);
            }
            compressed.writeBytes(tail.toByteArray());
            entries.put(name, new Entry(name, compressed.toByteArray(), size, crc.getValue()));
            return this;
        }

        byte[] bytes() {
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            ByteArrayOutputStream central = new ByteArrayOutputStream();
            for (Entry entry : entries.values()) {
                byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
                int offset = zip.size();
                ByteBuffer local = le(30 + name.length).putInt(0x04034b50).putShort((short) 20).putShort((short) 0x0800)
                        .putShort((short) 8).putShort((short) 0).putShort((short) 0x21)
                        .putInt((int) entry.crc()).putInt(entry.compressed().length).putInt((int) entry.size())
                        .putShort((short) name.length).putShort((short) 0).put(name);
                zip.writeBytes(local.array());
                zip.writeBytes(entry.compressed());
                ByteBuffer header = le(46 + name.length).putInt(0x02014b50).putShort((short) 20).putShort((short) 20)
                        .putShort((short) 0x0800).putShort((short) 8).putShort((short) 0).putShort((short) 0x21)
                        .putInt((int) entry.crc()).putInt(entry.compressed().length).putInt((int) entry.size())
                        .putShort((short) name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                        .putShort((short) 0).putInt(0).putInt(offset).put(name);
                central.writeBytes(header.array());
            }
            int start = zip.size();
            zip.writeBytes(central.toByteArray());
            ByteBuffer end = le(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                    .putShort((short) entries.size()).putShort((short) entries.size())
                    .putInt(central.size()).putInt(start).putShort((short) 0);
            zip.writeBytes(end.array());
            return zip.toByteArray();
        }

        private static ByteBuffer le(int size) {
            return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        }

        private static byte[] rawDeflate(List<byte[]> parts, boolean finish) {
            Deflater deflater = new Deflater(9, true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (byte[] part : parts) {
                deflater.setInput(part);
                while (!deflater.needsInput()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
            }
            if (finish) {
                deflater.finish();
                while (!deflater.finished()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
            }
            deflater.end();
            return out.toByteArray();
        }

        private static byte[] flush(Deflater deflater, byte[] input, int mode) {
            deflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, mode);
                out.write(buffer, 0, n);
            } while (n == buffer.length || !deflater.needsInput());
            return out.toByteArray();
        }
    }
}
