package org.guildhall.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.guildhall.it.Portal.Upload;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The document store over HTTP against the deployed WAR: real files from the shared corpus
 * through the real extraction, hostile names and types, downloads, permissions, versions and
 * trash. Uploads go to health-libraries (committee: hana; member: mia) and to the private board
 * (committee: admin).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DocumentsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path CORPUS = Path.of(System.getProperty("it.corpus", "../shared/corpus/documents"));
    static final Path DATA = Path.of(System.getProperty("it.data", "target/it-data"));

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.guildhall();
    }

    Portal visitor() {
        return new Portal(Deployments.local(deployed));
    }

    String token(String username) {
        return DemoTokens.of(Deployments.local(deployed), username);
    }

    // --- extraction of real documents ------------------------------------------------------

    @Test
    void aSampleOfTheCorpusEndsInTruthfulStatesWithTheTextStored() throws Exception {
        Map<String, Set<String>> expected = new java.util.LinkedHashMap<>();
        expected.put("tika/tika-parser-pdf-module/testPDF.pdf", Set.of("DONE"));
        expected.put("tika/tika-parser-microsoft-module/testWORD.docx", Set.of("DONE"));
        expected.put("tika/tika-parser-microsoft-module/testEXCEL.xlsx", Set.of("DONE"));
        expected.put("tika/tika-parser-microsoft-module/testPPT.pptx", Set.of("DONE"));
        expected.put("tika/tika-parser-miscoffice-module/testOpenOffice2.odt", Set.of("DONE"));
        expected.put("tika/tika-parser-microsoft-module/testRTF.rtf", Set.of("DONE"));
        expected.put("tika/tika-parser-html-module/testHTML.html", Set.of("DONE"));
        expected.put("tika/tika-parser-mail-module/testRFC822_multipart_attachments.eml", Set.of("DONE"));
        expected.put("tika/tika-parser-microsoft-module/test_recursive_embedded.docx", Set.of("DONE"));
        expected.put("tika/tika-parser-microsoft-module/testWORD_protected_passtika.docx", Set.of("ENCRYPTED"));
        expected.put("tika/tika-parser-microsoft-module/testOneNote-fuzz2.one", Set.of("FAILED", "TIMEOUT"));

        List<Upload> files = expected.keySet().stream().map(p -> Upload.of(CORPUS.resolve(p))).toList();
        HttpResponse<String> response = visitor().multipart("/groups/health-libraries/documents", token("hana"), Map.of("tags", "corpus"), files);
        assertEquals(201, response.statusCode(), response.body());
        JsonNode results = JSON.readTree(response.body());
        assertEquals(files.size(), results.size());

        Map<String, Long> ids = new java.util.LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            assertTrue(results.get(i).get("stored").asBoolean(), results.get(i).toString());
            ids.put(expected.keySet().toArray(String[]::new)[i], results.get(i).get("document").get("id").asLong());
        }

        Map<String, JsonNode> finished = awaitTerminal(ids, Duration.ofMinutes(4), true);
        for (var entry : expected.entrySet()) {
            JsonNode current = finished.get(entry.getKey()).get("current");
            assertTrue(entry.getValue().contains(current.get("state").asText()), entry.getKey() + " ended " + current);
            if (!current.get("state").asText().equals("DONE")) {
                assertFalse(current.get("reason").asText("").isBlank(), "a reason in words: " + current);
            }
        }
        JsonNode pdfText = text(ids.get("tika/tika-parser-pdf-module/testPDF.pdf"));
        assertTrue(pdfText.get("parts").get(0).get("text").asText().contains("Tika"), pdfText.toString());
        JsonNode embedded = text(ids.get("tika/tika-parser-microsoft-module/test_recursive_embedded.docx"));
        assertTrue(embedded.get("parts").size() > 1, "embedded entries come as their own parts");
        assertTrue(stream(embedded.get("parts")).anyMatch(p -> p.hasNonNull("path") && !p.get("path").asText().isBlank()),
                "each embedded part names its entry: " + embedded);
        assertEquals(0, text(ids.get("tika/tika-parser-microsoft-module/testWORD_protected_passtika.docx")).get("parts").size());
    }

    // --- hostile input ---------------------------------------------------------------------

    @Test
    void hostileNamesAreNeutralisedForDisplay() throws Exception {
        String nfd = Normalizer.normalize("Réunion.txt", Normalizer.Form.NFD);
        List<Upload> files = List.of(
                new Upload("../../x.txt", "path".getBytes(StandardCharsets.UTF_8)),
                new Upload("a.pdf\u0000.exe", "nul".getBytes(StandardCharsets.UTF_8)),
                new Upload("n".repeat(10_000) + ".txt", "long".getBytes(StandardCharsets.UTF_8)),
                new Upload(nfd, "nfd".getBytes(StandardCharsets.UTF_8)),
                new Upload("invoice_\u202Etxt.exe", "bidi".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> response = visitor().multipart("/groups/health-libraries/documents", token("hana"), Map.of(), files);
        assertEquals(201, response.statusCode(), response.body());
        List<String> names = stream(JSON.readTree(response.body())).map(r -> r.get("document").get("current").get("fileName").asText()).toList();
        assertEquals("x.txt", names.get(0));
        assertEquals("a.pdf.exe", names.get(1));
        assertEquals(255, names.get(2).length());
        assertTrue(names.get(2).endsWith(".txt"));
        assertEquals("Réunion.txt", names.get(3));
        assertTrue(Normalizer.isNormalized(names.get(3), Normalizer.Form.NFC));
        assertEquals("invoice_txt.exe", names.get(4));
        for (JsonNode result : JSON.readTree(response.body())) {
            assertEquals("text/plain", result.get("document").get("current").get("mediaType").asText(), "typed by the bytes, not the name");
        }
    }

    @Test
    void refusedFilesSayWhyAndLeaveNothingBehind() throws Exception {
        long rowsBefore = versionRows();
        long blobsBefore = blobCount();
        byte[] program = new byte[4096];
        program[0] = 'M';
        program[1] = 'Z';
        program[0x3c] = (byte) 0x80;
        System.arraycopy("PE\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, program, 0x80, 4);
        byte[] tooBig = new byte[9 * 1024 * 1024];
        java.util.Arrays.fill(tooBig, (byte) 'a');

        for (Upload refused : List.of(new Upload("report.pdf", program), new Upload("empty.txt", new byte[0]), new Upload("huge.txt", tooBig))) {
            HttpResponse<String> response = visitor().multipart("/groups/health-libraries/documents", token("hana"), Map.of(), List.of(refused));
            assertEquals(400, response.statusCode(), refused.fileName() + ": " + response.body());
            JsonNode result = JSON.readTree(response.body()).get(0);
            assertFalse(result.get("stored").asBoolean());
            assertFalse(result.get("message").asText().isBlank());
        }
        assertTrue(visitor().multipart("/groups/health-libraries/documents", token("hana"), Map.of(), List.of(new Upload("huge.txt", tooBig)))
                .body().contains("larger than the limit"));
        assertTrue(visitor().multipart("/groups/health-libraries/documents", token("hana"), Map.of(), List.of(new Upload("e.txt", new byte[0])))
                .body().contains("empty"));
        assertEquals(rowsBefore, versionRows(), "no row");
        assertEquals(blobsBefore, blobCount(), "no blob");
        assertEquals(0, stagedFiles(), "no temporary file");
    }

    @Test
    void aFolderInOneRequestIsStoredInOrderWithAnAnswerPerFile() throws Exception {
        // more files than the server stores in one transaction (20), one of them refused on the way
        String word = "folderword" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "q");
        List<Upload> files = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            files.add(i == 7 ? new Upload("empty-7.txt", new byte[0])
                    : new Upload("folder-" + i + ".txt", ("Note " + i + " of the folder about " + word + ".").getBytes(StandardCharsets.UTF_8)));
        }
        long blobsBefore = blobCount();
        HttpResponse<String> response = visitor().multipart("/groups/health-libraries/documents", token("hana"), Map.of("tags", "folder"), files);
        assertEquals(201, response.statusCode(), response.body());
        JsonNode results = JSON.readTree(response.body());
        assertEquals(25, results.size(), "an answer per file");
        Set<Long> ids = new java.util.HashSet<>();
        for (int i = 0; i < 25; i++) {
            JsonNode result = results.get(i);
            assertEquals(files.get(i).fileName(), result.get("fileName").asText(), "answers in the order of the files");
            if (i == 7) {
                assertFalse(result.get("stored").asBoolean(), result.toString());
                assertTrue(result.get("message").asText().contains("empty"), result.toString());
                continue;
            }
            assertTrue(result.get("stored").asBoolean(), result.toString());
            JsonNode document = result.get("document");
            assertEquals(files.get(i).fileName(), document.get("current").get("fileName").asText(), "each answer is its own file's document");
            assertEquals("folder-" + i + ".txt", document.get("title").asText(), "titled by its name: a request's title is for a single file");
            assertTrue(stream(document.get("tags")).anyMatch(t -> t.asText().equals("folder")), "the request's tags on every file: " + document);
            ids.add(document.get("id").asLong());
        }
        assertEquals(24, ids.size(), "24 documents");
        assertEquals(blobsBefore + 24, blobCount(), "24 blobs");
        assertEquals(0, stagedFiles(), "no temporary file");
        searchWithin(Duration.ofMinutes(2), word, token("hana"), 24);
    }

    @Test
    void htmlNamedPdfIsStoredAsHtmlAndOnlyEverDownloaded() throws Exception {
        byte[] html = "<html><body><script>alert(document.cookie)</script>Hello</body></html>".getBytes(StandardCharsets.UTF_8);
        JsonNode document = storeOne("health-libraries", "hana", new Upload("a.pdf", html));
        assertEquals("text/html", document.get("current").get("mediaType").asText());
        Portal hana = visitor();
        hana.login("hana", "guildhall-demo");
        HttpResponse<byte[]> download = hana.bytes("/download/" + document.get("current").get("id").asLong(), Map.of());
        assertEquals(200, download.statusCode());
        assertTrue(download.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"));
        assertEquals("nosniff", download.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(String.join(" ", download.headers().allValues("Content-Security-Policy")).contains("sandbox"));
    }

    // --- downloads and permissions -----------------------------------------------------------

    @Test
    void downloadsAreAttachmentsWithEncodedNamesAndEtags() throws Exception {
        byte[] content = "Minutes of the AGM".getBytes(StandardCharsets.UTF_8);
        JsonNode document = storeOne("health-libraries", "hana", new Upload("Procès-verbal 2026.txt", content));
        long id = document.get("id").asLong();
        long versionId = document.get("current").get("id").asLong();

        Portal mia = visitor();
        mia.login("mia", "guildhall-demo");
        HttpResponse<byte[]> page = mia.bytes("/download/" + versionId, Map.of());
        assertEquals(200, page.statusCode());
        assertEquals("attachment; filename=\"Proc_s-verbal 2026.txt\"; filename*=UTF-8''Proc%C3%A8s-verbal%202026.txt",
                page.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
        String etag = page.headers().firstValue("ETag").orElseThrow();
        assertEquals("\"" + document.get("current").get("sha256").asText() + "\"", etag);
        assertTrue(java.util.Arrays.equals(content, page.body()));
        assertEquals(304, mia.bytes("/download/" + versionId, Map.of("If-None-Match", etag)).statusCode());

        HttpResponse<String> api = visitor().api("GET", "/documents/" + id + "/content", token("mia"), null);
        assertEquals(200, api.statusCode());
        assertEquals(page.headers().firstValue("Content-Disposition"), api.headers().firstValue("Content-Disposition"));
        assertEquals("Minutes of the AGM", api.body());
    }

    @Test
    void documentsOfAPrivateGroupAreExactlyLikeMissingOnesToOutsiders() throws Exception {
        JsonNode secret = storeOne("board", "admin", new Upload("trustees-minutes.txt", "Confidential: the budget".getBytes(StandardCharsets.UTF_8)));
        long id = secret.get("id").asLong();
        long versionId = secret.get("current").get("id").asLong();
        long missing = 987_654_321L;

        Portal mia = visitor();
        mia.login("mia", "guildhall-demo");
        for (String[] pair : new String[][]{
            {"/documents/document.xhtml?id=" + id, "/documents/document.xhtml?id=" + missing},
            {"/download/" + versionId, "/download/" + missing}}) {
            HttpResponse<String> hidden = mia.get(pair[0]);
            HttpResponse<String> absent = mia.get(pair[1]);
            assertEquals(404, hidden.statusCode(), pair[0]);
            assertEquals(absent.statusCode(), hidden.statusCode());
            assertEquals(absent.body(), hidden.body());
        }
        for (String suffix : new String[]{"", "/content", "/text", "/versions/1/content"}) {
            HttpResponse<String> hidden = visitor().api("GET", "/documents/" + id + suffix, token("mia"), null);
            HttpResponse<String> absent = visitor().api("GET", "/documents/" + missing + suffix, token("mia"), null);
            assertEquals(404, hidden.statusCode(), suffix);
            assertEquals(absent.body(), hidden.body(), suffix);
        }
        assertEquals(404, visitor().api("GET", "/groups/board/documents", token("mia"), null).statusCode());
        Portal carol = visitor();
        carol.login("carol", "guildhall-demo");
        assertEquals(200, carol.get("/documents/document.xhtml?id=" + id).statusCode(), "a member of the board reads it");
        assertEquals(200, carol.bytes("/download/" + versionId, Map.of()).statusCode());
    }

    @Test
    void membersUploadOnlyWhenTheGroupLetsThem() throws Exception {
        Upload note = new Upload("member-note.txt", ("note " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> refused = visitor().multipart("/groups/career-development/documents", token("mia"), Map.of(), List.of(note));
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("committee"));
        assertEquals(200, visitor().api("PUT", "/groups/career-development", token("cody"),
                "{\"name\":\"Career Development\",\"visibility\":\"PUBLIC\",\"joinPolicy\":\"OPEN\",\"membersMayUpload\":true}").statusCode());
        try {
            assertEquals(201, visitor().multipart("/groups/career-development/documents", token("mia"), Map.of(), List.of(note)).statusCode());
        } finally {
            visitor().api("PUT", "/groups/career-development", token("cody"),
                    "{\"name\":\"Career Development\",\"visibility\":\"PUBLIC\",\"joinPolicy\":\"OPEN\",\"membersMayUpload\":false}");
        }
    }

    // --- versions, duplicates, trash ---------------------------------------------------------

    @Test
    void versionsTrashAndRestore() throws Exception {
        long n = System.nanoTime() % 100000;
        String firstDraft = "first draft of the quagga" + n + " policy";
        String secondDraft = "second draft of the numbat" + n + " policy";
        JsonNode first = storeOne("health-libraries", "hana", new Upload("policy.txt", firstDraft.getBytes(StandardCharsets.UTF_8)));
        long id = first.get("id").asLong();
        searchWithin(Duration.ofSeconds(30), "quagga" + n, token("mia"), 1);
        HttpResponse<String> second = visitor().multipart("/documents/" + id + "/versions", token("hana"), Map.of(),
                List.of(new Upload("policy-v2.txt", secondDraft.getBytes(StandardCharsets.UTF_8))));
        assertEquals(201, second.statusCode(), second.body());
        JsonNode document = JSON.readTree(visitor().api("GET", "/documents/" + id, token("mia"), null).body());
        assertEquals(2, document.get("versions").size());
        assertEquals(2, document.get("current").get("number").asInt(), "the newest is the one shown");
        assertEquals(secondDraft, visitor().api("GET", "/documents/" + id + "/content", token("mia"), null).body());
        assertEquals(firstDraft, visitor().api("GET", "/documents/" + id + "/versions/1/content", token("mia"), null).body());
        // the newest version is the one searched: its words find the document, the old version's no longer do
        searchWithin(Duration.ofSeconds(30), "numbat" + n, token("mia"), 1);
        assertEquals(0, search("quagga" + n, token("mia")).get("total").asLong(), "the first draft's words are gone from the index");

        assertEquals(403, visitor().api("DELETE", "/documents/" + id, token("mia"), null).statusCode(), "a member cannot delete");
        assertEquals(204, visitor().api("DELETE", "/documents/" + id, token("hana"), null).statusCode());
        assertEquals(404, visitor().api("GET", "/documents/" + id, token("mia"), null).statusCode(), "trashed: gone for members");
        assertFalse(visitor().api("GET", "/groups/health-libraries/documents?size=200", token("mia"), null).body().contains("\"id\":" + id + ","));
        assertEquals(200, visitor().api("POST", "/documents/" + id + "/restore", token("hana"), null).statusCode());
        assertEquals(200, visitor().api("GET", "/documents/" + id, token("mia"), null).statusCode());
    }

    @Test
    void purgingDeletesTheFileOnlyWhenNoOtherVersionUsesIt() throws Exception {
        byte[] alone = ("only here " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        byte[] shared = ("twice " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        JsonNode lonely = storeOne("health-libraries", "hana", new Upload("alone.txt", alone));
        JsonNode first = storeOne("health-libraries", "hana", new Upload("shared.txt", shared));
        storeOne("health-libraries", "hana", new Upload("shared-copy.txt", shared));
        Path lonelyBlob = blobPath(lonely.get("current").get("sha256").asText());
        Path sharedBlob = blobPath(first.get("current").get("sha256").asText());

        assertEquals(400, visitor().api("POST", "/documents/" + lonely.get("id").asLong() + "/purge", token("hana"), null).statusCode(),
                "only what is in the trash can be purged");
        for (JsonNode document : List.of(lonely, first)) {
            long id = document.get("id").asLong();
            assertEquals(204, visitor().api("DELETE", "/documents/" + id, token("hana"), null).statusCode());
            assertEquals(404, visitor().api("POST", "/documents/" + id + "/purge", token("mia"), null).statusCode(), "to a member the trash does not exist");
            assertEquals(204, visitor().api("POST", "/documents/" + id + "/purge", token("hana"), null).statusCode());
            assertEquals(404, visitor().api("GET", "/documents/" + id, token("hana"), null).statusCode(), "gone, even from the trash");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Files.exists(lonelyBlob) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(Files.exists(lonelyBlob), "the file no version uses is deleted");
        assertTrue(Files.exists(sharedBlob), "the file another document still uses stays");
    }

    @Test
    void theSameFileElsewhereIsPointedOut() throws Exception {
        byte[] content = ("shared agenda " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        long blobsBefore = blobCount();
        storeOne("health-libraries", "hana", new Upload("agenda.txt", content));
        HttpResponse<String> again = visitor().multipart("/groups/cataloguing/documents", token("admin"), Map.of(), List.of(new Upload("agenda-copy.txt", content)));
        assertEquals(201, again.statusCode());
        JsonNode result = JSON.readTree(again.body()).get(0);
        assertEquals("health-libraries", result.get("sameContent").get(0).get("group").asText());
        assertTrue(result.get("message").asText().contains("already in"));
        assertEquals(blobsBefore + 1, blobCount(), "identical bytes are stored once");
    }

    @Test
    void listsFilterSortAndPage() throws Exception {
        String tag = "list-" + System.nanoTime();
        for (String name : new String[]{"b.txt", "a.txt", "c.html"}) {
            byte[] content = name.endsWith("html") ? ("<html><body>" + name + tag + "</body></html>").getBytes(StandardCharsets.UTF_8)
                    : (name + tag).getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> r = visitor().multipart("/groups/health-libraries/documents", token("hana"), Map.of("tags", tag), List.of(new Upload(name, content)));
            assertEquals(201, r.statusCode(), r.body());
        }
        JsonNode byTitle = JSON.readTree(visitor().api("GET", "/groups/health-libraries/documents?tag=" + tag + "&sort=title&size=2", null, null).body());
        assertEquals(3, byTitle.get("total").asInt());
        assertEquals(List.of("a.txt", "b.txt"), stream(byTitle.get("documents")).map(d -> d.get("title").asText()).toList());
        JsonNode html = JSON.readTree(visitor().api("GET", "/groups/health-libraries/documents?tag=" + tag + "&type=html", null, null).body());
        assertEquals(1, html.get("total").asInt());
        assertEquals("c.html", html.get("documents").get(0).get("title").asText());
    }

    // --- search -----------------------------------------------------------------------------

    @Test
    void extractedTextIsSearchableAtOnceAndOnlyByThoseWhoMayReadIt() throws Exception {
        String open = "quokka" + (System.nanoTime() % 100000);
        String secret = "wombat" + (System.nanoTime() % 100000);
        JsonNode visible = storeOne("health-libraries", "hana", new Upload("open-notes.txt", ("Notes about the " + open + " survey.").getBytes(StandardCharsets.UTF_8)));
        JsonNode hidden = storeOne("board", "admin", new Upload("board-notes.txt", ("Confidential: the " + secret + " budget.").getBytes(StandardCharsets.UTF_8)));
        awaitTerminal(Map.of("open", visible.get("id").asLong()), Duration.ofMinutes(2), false, "hana");
        awaitTerminal(Map.of("hidden", hidden.get("id").asLong()), Duration.ofMinutes(2), false, "admin");

        JsonNode found = searchWithin(Duration.ofSeconds(1), open, null, 1);
        assertEquals("doc-" + visible.get("id").asLong(), found.get("hits").get(0).get("id").asText());
        assertTrue(found.get("hits").get(0).get("snippet").asText().contains("<mark>" + open + "</mark>"), found.toString());

        // a member of the board finds it (within the second an addition may take), and only then
        // do the zeros below say anything
        searchWithin(Duration.ofSeconds(1), secret, token("carol"), 1);
        assertEquals(0, search(secret, null).get("total").asLong(), "anonymous: not even a count");
        assertEquals(0, search(secret, token("mia")).get("total").asLong(), "a member of other groups: nothing");

        assertEquals(204, visitor().api("DELETE", "/documents/" + visible.get("id").asLong(), token("hana"), null).statusCode());
        assertEquals(0, search(open, null).get("total").asLong(), "a trashed document leaves the results at once");
        HttpResponse<String> malformed = visitor().api("GET", "/search?q=%22unclosed%20AND%20OR%20*foo", null, null);
        assertEquals(200, malformed.statusCode(), "malformed input is answered");
        assertTrue(malformed.headers().firstValue("Server-Timing").orElse("").matches("readers;dur=[0-9.]+, search;dur=[0-9.]+"),
                "where the time went: " + malformed.headers().map());
    }

    /**
     * An administrator who checks the index straight after an upload (or while extraction
     * finishes) is told database and index agree, not that something was missing or stale and
     * got repaired: the check looks at the index as it is, not at what searches saw a second ago,
     * and gives a change committed during it a moment to reach the index (CI under load met an
     * extraction whose text was committed but not yet written to the index: "1 stale").
     */
    @Test
    void aCheckRightAfterAnUploadFindsNothingToRepair() throws Exception {
        for (int i = 0; i < 4; i++) {
            // several extractions landing while the check runs
            for (int j = 0; j < 3; j++) {
                storeOne("health-libraries", "hana", new Upload("check-" + i + "-" + j + ".txt",
                        ("Checked at once: note " + i + "-" + j + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8)));
            }
            HttpResponse<String> check = visitor().api("POST", "/admin/search/check", token("admin"), null);
            assertEquals(200, check.statusCode(), check.body());
            assertEquals("database and index agree", JSON.readTree(check.body()).get("lastCheckResult").asText(), check.body());
        }
    }

    /**
     * A fixed set of documents in a group of its own, through the real upload, extraction and
     * indexing, and a list of queries with their exact totals, orders and facet counts.
     */
    @Test
    void goldenCorpusAnswersExactly() throws Exception {
        String slug = "golden-" + System.nanoTime() % 100000;
        String admin = token("admin");
        assertEquals(201, visitor().api("POST", "/groups", admin,
                "{\"slug\":\"" + slug + "\",\"name\":\"Golden\",\"visibility\":\"PUBLIC\",\"joinPolicy\":\"OPEN\"}").statusCode());
        Map<String, Long> ids = new java.util.LinkedHashMap<>();
        ids.put("annual", storeTitled(slug, "Annual cataloguing report", "report, cataloguing", new Upload("annual.txt",
                utf8("The annual report of the cataloguing committee. Metadata standards and authority records were reviewed."))));
        ids.put("workshop", storeTitled(slug, "Metadata workshop notes", "workshop", new Upload("workshop.txt",
                utf8("Notes from the metadata workshop: authority control, subject headings and linked data."))));
        ids.put("ledger", storeTitled(slug, "Budget minutes", "minutes, budget", new Upload("ledger.txt",
                utf8("Minutes of the budget meeting. The treasurer presented the annual budget and the reserves."))));
        ids.put("primer", storeTitled(slug, "Linked data primer", "training", new Upload("primer.html",
                utf8("<html><head><title>x</title></head><body><p>An introduction to linked data and RDF for cataloguers.</p></body></html>"))));
        ids.put("papers", storeTitled(slug, "Meeting papers", "minutes", new Upload("papers.zip", zip("minutes.txt",
                "Agenda item four: the quarterly stocktake of the reading room."))));
        ids.put("word", storeTitled(slug, "Word sample", null, Portal.Upload.of(CORPUS.resolve("tika/tika-parser-microsoft-module/testWORD.docx"))));
        Map<String, Long> byId = new java.util.HashMap<>();
        ids.forEach((name, id) -> byId.put(name, id));
        awaitTerminal(byId, Duration.ofMinutes(2), false, "admin");
        searchWithin(Duration.ofSeconds(5), "stocktake group:" + slug, null, 1);

        // words: any of them, those matching more and in the title first; English stemming
        assertHits(slug, "metadata", "workshop", "annual");
        assertHits(slug, "annual report", "annual", "ledger");
        assertHits(slug, "reports", "annual");
        // OR: both, in whichever order their scores give (they tie closely, so the order is not part of the answer)
        assertEquals(Set.of("doc-" + ids.get("ledger"), "doc-" + ids.get("workshop")),
                Set.copyOf(hitIds(search("budget OR workshop group:" + slug, null))));
        // exact phrases, exclusions, prefixes, filters
        assertHits(slug, "\"authority records\"", "annual");
        assertHits(slug, "authority -workshop", "annual");
        assertHits(slug, "catalogu*", "annual", "primer");
        assertHits(slug, "tag:minutes", "papers", "ledger");
        assertHits(slug, "type:html", "primer");
        assertHits(slug, "type:word", "word");
        assertHits(slug, "linked -type:html", "workshop", "word");
        assertHits(slug, "stocktake", "papers");
        // the file's name and its author (from the file's own properties) are searched too
        assertHits(slug, "ledger", "ledger");
        assertHits(slug, "author:\"Keith Bennett\"", "word");
        JsonNode attachment = search("stocktake group:" + slug, null);
        assertEquals("minutes.txt", attachment.get("hits").get(0).get("attachment").asText(), "the snippet names the attachment it comes from");
        // malformed input is read as literally as possible and answered
        assertHits(slug, "\"authority records", "annual");
        assertHits(slug, "AND OR metadata", "workshop", "annual");
        assertHits(slug, "*workshop", "workshop");
        String paste = String.join(" ", java.util.Collections.nCopies(5000, "reserves"));
        assertHits(slug, paste, "ledger");

        // facets count exactly what matches, under the reader's permissions
        JsonNode all = search("group:" + slug, null);
        assertEquals(6, all.get("total").asLong());
        assertEquals(Map.of("text", 3L, "html", 1L, "word", 1L, "archive", 1L), facet(all, "type"));
        assertEquals(2L, facet(all, "tag").get("minutes"));
        assertEquals(1L, facet(all, "tag").get("training"));
        assertEquals(Map.of(slug, 6L), facet(all, "group"));
        assertEquals(Map.of("Keith Bennett", 1L), facet(all, "author"), "only the Word file names an author");
        assertEquals(Map.of(String.valueOf(java.time.Year.now(java.time.ZoneOffset.UTC)), 6L), facet(all, "year"));
        // narrowing by facet values: several values of one facet add up
        JsonNode narrowed = JSON.readTree(visitor().api("GET", "/search?q=" + enc("group:" + slug) + "&tag=minutes&tag=training", null, null).body());
        assertEquals(3, narrowed.get("total").asLong());
        // sort by date: newest first; pages with the exact total
        JsonNode byDate = JSON.readTree(visitor().api("GET", "/search?q=" + enc("group:" + slug) + "&sort=date&size=2&page=1", null, null).body());
        assertEquals(6, byDate.get("total").asLong());
        assertEquals(List.of("doc-" + ids.get("word"), "doc-" + ids.get("papers")), hitIds(byDate));
        JsonNode lastPage = JSON.readTree(visitor().api("GET", "/search?q=" + enc("group:" + slug) + "&sort=date&size=2&page=3", null, null).body());
        assertEquals(List.of("doc-" + ids.get("workshop"), "doc-" + ids.get("annual")), hitIds(lastPage));
        // a misspelt word gets a correction from words the reader can see
        assertEquals("stocktake group:" + slug, search("stoktake group:" + slug, null).get("didYouMean").asText());
    }

    /**
     * A term that exists only in a MEMBERS group gives a non-member nothing at all (no hit,
     * count, facet value, suggestion or spelling hint) and a member the hit; a PUBLIC group turned
     * MEMBERS is hidden on the very next query.
     */
    @Test
    void permissionsHoldForCountsFacetsSuggestionsAndSpelling() throws Exception {
        long n = System.nanoTime() % 100000;
        String slug = "perm-" + n;
        // a word no earlier run on this data folder used: letters from the clock
        String word = "zorblatt" + Long.toString(System.nanoTime() % 100_000_000L, 26).chars()
                .mapToObj(c -> String.valueOf((char) (Character.isDigit(c) ? 'a' + (c - '0') : c + 10))).collect(java.util.stream.Collectors.joining()) + "x";
        String admin = token("admin");
        assertEquals(201, visitor().api("POST", "/groups", admin,
                "{\"slug\":\"" + slug + "\",\"name\":\"Permissions\",\"visibility\":\"PUBLIC\",\"joinPolicy\":\"INVITE\"}").statusCode());
        long id = storeTitled(slug, "Quorvex " + word + " plan", "quorvex" + n, new Upload("plan.txt", utf8("The " + word + " plan, in confidence.")));
        awaitTerminal(Map.of("plan", id), Duration.ofMinutes(2), false, "admin");
        String outsider = token("mia");

        searchWithin(Duration.ofSeconds(5), word, outsider, 1);
        assertEquals(List.of("Quorvex " + word + " plan"), suggest("quorvex " + word.substring(0, word.length() - 2), outsider), "a public title is suggested");
        assertEquals(List.of("quorvex" + n), suggest("quorvex" + n, outsider), "and its tag");
        assertEquals(1L, facet(search(word, outsider), "group").get(slug));

        JsonNode settings = JSON.readTree(visitor().api("GET", "/groups/" + slug, admin, null).body());
        assertEquals(200, visitor().api("PUT", "/groups/" + slug, admin, "{\"name\":\"" + settings.get("name").asText()
                + "\",\"visibility\":\"MEMBERS\",\"joinPolicy\":\"INVITE\"}").statusCode());

        for (String reader : new String[] {null, outsider}) {
            JsonNode none = search(word, reader);
            assertEquals(0, none.get("total").asLong(), "no hit and no count once the group is private");
            assertEquals(0, none.get("hits").size());
            assertFalse(facet(none, "group").containsKey(slug), "no facet value");
            assertFalse(facet(search("quorvex*", reader), "tag").containsKey("quorvex" + n), "no tag facet value");
            assertEquals(List.of(), suggest("quorvex" + n, reader), "no tag suggestion");
            assertEquals(List.of(), suggest("quorvex " + word.substring(0, word.length() - 2), reader), "no suggestion");
            assertFalse(search(word.substring(0, word.length() - 1) + "q", reader).hasNonNull("didYouMean"), "no spelling hint");
        }
        assertEquals(1, search(word, admin).get("total").asLong(), "a member still finds it");
        assertEquals(List.of("Quorvex " + word + " plan"), suggest("quorvex " + word, admin));
        assertEquals(word, search(word.substring(0, word.length() - 1) + "q", admin).get("didYouMean").asText());
    }

    void assertHits(String slug, String q, String... expected) throws IOException {
        // the group as a facet selection, so malformed input cannot swallow it
        HttpResponse<String> response = visitor().api("GET", "/search?size=50&group=" + slug + "&q=" + enc(q), null, null);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode result = JSON.readTree(response.body());
        List<String> names = hitIds(result).stream().map(this::goldenName).toList();
        assertEquals(List.of(expected), names, "hits for [" + (q.length() > 60 ? q.substring(0, 60) + "…" : q) + "]: " + result.get("understood"));
        assertEquals(expected.length, result.get("total").asLong());
    }

    private final Map<String, String> goldenNames = new java.util.concurrent.ConcurrentHashMap<>();

    String goldenName(String hitId) {
        return goldenNames.getOrDefault(hitId, hitId);
    }

    long storeTitled(String slug, String title, String tags, Upload file) throws IOException {
        Map<String, String> fields = new java.util.HashMap<>();
        fields.put("title", title);
        if (tags != null) {
            fields.put("tags", tags);
        }
        HttpResponse<String> response = visitor().multipart("/groups/" + slug + "/documents", token("admin"), fields, List.of(file));
        assertEquals(201, response.statusCode(), response.body());
        long id = JSON.readTree(response.body()).get(0).get("document").get("id").asLong();
        String name = file.fileName().replaceAll("\\..*", "");
        goldenNames.put("doc-" + id, name.equals("testWORD") ? "word" : name);
        return id;
    }

    List<String> suggest(String typed, String token) throws IOException {
        HttpResponse<String> response = visitor().api("GET", "/search/suggest?q=" + enc(typed), token, null);
        assertEquals(200, response.statusCode(), response.body());
        return stream(JSON.readTree(response.body())).map(s -> s.get("text").asText()).toList();
    }

    static Map<String, Long> facet(JsonNode answer, String name) {
        Map<String, Long> values = new java.util.HashMap<>();
        JsonNode facet = answer.get("facets").get(name);
        if (facet != null) {
            facet.forEach(v -> values.put(v.get("value").asText(), v.get("count").asLong()));
        }
        return values;
    }

    static List<String> hitIds(JsonNode answer) {
        return stream(answer.get("hits")).map(h -> h.get("id").asText()).toList();
    }

    static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] zip(String entry, String text) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry(entry));
            zip.write(utf8(text));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void theSearchPageShowsHitsWithFacetCountsAndNarrowsByPlainLinks() throws Exception {
        String word = "heron" + (System.nanoTime() % 100000);
        JsonNode text = storeOne("health-libraries", "hana", new Upload("heron-notes.txt", ("Field notes on the " + word + " colony.").getBytes(StandardCharsets.UTF_8)));
        JsonNode html = storeOne("health-libraries", "hana", new Upload("heron-page.html",
                ("<html><body><p>The " + word + " colony &amp; its <b>nests</b>.</p></body></html>").getBytes(StandardCharsets.UTF_8)));
        awaitTerminal(Map.of("text", text.get("id").asLong(), "html", html.get("id").asLong()), Duration.ofMinutes(2), false, "hana");
        searchWithin(Duration.ofSeconds(1), word, null, 2);

        HttpResponse<String> page = visitor().get("/search.xhtml?q=" + word);
        assertEquals(200, page.statusCode());
        String body = page.body();
        assertTrue(body.contains("<strong id=\"result-total\">2 results</strong>"), body);
        assertTrue(body.contains("Showing results for <q>" + word + "</q>"), body);
        assertTrue(body.contains("href=\"/documents/document.xhtml?id=" + text.get("id").asLong() + "\">heron-notes.txt</a>"), body);
        assertTrue(body.contains("href=\"/documents/document.xhtml?id=" + html.get("id").asLong() + "\">heron-page.html</a>"), body);
        assertTrue(body.contains("<mark>" + word + "</mark>"), "the highlight is markup: " + body);
        assertFalse(body.contains("&lt;mark&gt;"), "not escaped twice");
        assertEquals("1", facetCount(body, "type", "html"));
        assertEquals("1", facetCount(body, "type", "text"));
        assertEquals("2", facetCount(body, "group", "Health Libraries"), "groups by name");
        assertTrue(body.contains("href=\"/search.xhtml?q=" + word + "&amp;type=html\""), "a facet value is a plain GET link");

        String narrowed = visitor().get("/search.xhtml?q=" + word + "&type=html").body();
        assertTrue(narrowed.contains("<strong id=\"result-total\">1 result</strong>"), narrowed);
        assertTrue(narrowed.contains("heron-page.html</a>") && !narrowed.contains("heron-notes.txt</a>"), narrowed);
        assertTrue(narrowed.contains("Type: html"), "the selection is shown, removable");
        assertTrue(narrowed.contains("href=\"/search.xhtml?q=" + word + "\" class=\"chip\""), narrowed);
        String both = visitor().get("/search.xhtml?q=" + word + "&type=html&type=text&sort=date").body();
        assertTrue(both.contains("<strong id=\"result-total\">2 results</strong>"), "several values of one facet at once: " + both);

        String misspelt = word.substring(0, 1) + "x" + word.substring(2);
        String corrected = visitor().get("/search.xhtml?q=" + misspelt).body();
        assertTrue(corrected.contains("<strong id=\"result-total\">No results</strong>"), corrected);
        assertTrue(corrected.contains("id=\"no-results\""), "an empty state that helps");
        assertTrue(corrected.contains("Did you mean <a href=\"/search.xhtml?q=" + word + "\">" + word + "</a>?"), corrected);
    }

    /** The count a facet value shows in the search page's side panel, or null when it is not there. */
    static String facetCount(String html, String facet, String label) {
        int section = html.indexOf("class=\"facet facet-" + facet + "\"");
        if (section < 0) {
            return null;
        }
        html = html.substring(section, html.indexOf("</section>", section));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<span class=\"facet-label\">" + java.util.regex.Pattern.quote(label.replace("&", "&amp;"))
                + "</span>\\s*<span class=\"count\">(\\d+)</span>").matcher(html);
        return m.find() ? m.group(1) : null;
    }

    JsonNode search(String q, String token) {
        return visitor().search(q, token);
    }

    JsonNode searchWithin(Duration limit, String q, String token, long expected) throws Exception {
        JsonNode result = visitor().awaitSearchTotal(q, token, expected, limit);
        assertEquals(expected, result.get("total").asLong(), "findable within " + limit + ": " + result);
        return result;
    }

    // --- helpers ---------------------------------------------------------------------------

    JsonNode storeOne(String slug, String user, Upload file) throws IOException {
        HttpResponse<String> response = visitor().multipart("/groups/" + slug + "/documents", token(user), Map.of(), List.of(file));
        assertEquals(201, response.statusCode(), response.body());
        JsonNode document = JSON.readTree(response.body()).get(0).get("document");
        assertNotNull(document);
        return document;
    }

    JsonNode text(long id) throws IOException {
        HttpResponse<String> response = visitor().api("GET", "/documents/" + id + "/text", token("hana"), null);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** Polls until every document's newest version is in a terminal state, checking the server stays healthy meanwhile. */
    Map<String, JsonNode> awaitTerminal(Map<String, Long> ids, Duration limit, boolean checkHealth) throws Exception {
        return awaitTerminal(ids, limit, checkHealth, "hana");
    }

    Map<String, JsonNode> awaitTerminal(Map<String, Long> ids, Duration limit, boolean checkHealth, String reader) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<String, JsonNode> finished = new java.util.LinkedHashMap<>();
        while (finished.size() < ids.size()) {
            for (var entry : ids.entrySet()) {
                if (finished.containsKey(entry.getKey())) {
                    continue;
                }
                JsonNode document = JSON.readTree(visitor().api("GET", "/documents/" + entry.getValue(), token(reader), null).body());
                String state = document.get("current").get("state").asText();
                if (!Set.of("PENDING", "RUNNING").contains(state)) {
                    finished.put(entry.getKey(), document);
                }
            }
            if (checkHealth) {
                assertEquals(200, visitor().get("/health/ready").statusCode(), "the server stays healthy while extracting");
                assertEquals(200, visitor().get("/groups/index.xhtml").statusCode(), "and answers other requests");
            }
            if (System.nanoTime() > deadline) {
                List<String> waiting = new ArrayList<>(ids.keySet());
                waiting.removeAll(finished.keySet());
                throw new AssertionError("Not terminal within " + limit + ": " + waiting);
            }
            Thread.sleep(1000);
        }
        return finished;
    }

    static long versionRows() throws Exception {
        return Long.parseLong(TestDatabase.single("select count(*) from gh_document_version").orElse("0"));
    }

    static Path blobPath(String sha) {
        return DATA.resolve("blobs").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
    }

    static long blobCount() throws IOException {
        Path blobs = DATA.resolve("blobs");
        if (!Files.isDirectory(blobs)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    static long stagedFiles() throws IOException {
        Path staging = DATA.resolve("tmp/uploads");
        if (!Files.isDirectory(staging)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(staging)) {
            return files.count();
        }
    }

    static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    static {
        if (!Files.isDirectory(CORPUS)) {
            throw new UncheckedIOException(new IOException("The shared corpus is not at " + CORPUS.toAbsolutePath() + " (set -Dit.corpus)"));
        }
    }
}
