package org.guildhall.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What survives a restart and a crash: Payara Micro started as scripts/run starts it, several
 * times on one data folder (and on PostgreSQL when the tests use it).
 */
class RestartIT {

    static final Path DATA = Path.of(System.getProperty("it.data", "target/it-data") + "-restart").toAbsolutePath();

    /**
     * One story over three starts of one data folder (each start costs half a minute):
     * <ol>
     * <li>accounts, a group, memberships and documents are made, and searches answered;
     * <li>with the index folder deleted while stopped, start-up rebuilds it from the database
     *     and the same searches give the same answers; accounts, groups and tokens are still
     *     there; then two clients upload a batch and the server is killed with {@code kill -9};
     * <li>with two index entries deleted behind the server's back (the commit's change sequence
     *     kept, so replaying the changes after it does not see them), start-up replays what the
     *     kill interrupted and the consistency check restores the two entries: every upload that
     *     was answered "stored" reaches a terminal state, blobs and rows match, no temporary file
     *     is left, and database and index agree.
     * </ol>
     */
    @Test
    void dataSurvivesRestartsAndTheIndexHealsAfterLossDeletedEntriesAndAKill() throws Exception {
        String username = "keeper" + System.nanoTime() % 100000;
        String slug = "kept-" + System.nanoTime() % 100000;
        String crashSlug = "crash-" + System.nanoTime() % 100000;
        List<String> queries = List.of("group:" + slug, "marmalade", "\"quince jelly\"", "preserves -quince", "marm*", "tag:pantry");
        Map<String, JsonNode> before = new LinkedHashMap<>();
        List<Long> documents = new ArrayList<>();
        List<Long> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        String adminToken;

        try (PayaraProcess first = PayaraProcess.start(DATA)) {
            Portal portal = new Portal(first.base());
            assertEquals(302, portal.signUp(username, "keeper-password").statusCode());
            assertEquals(302, portal.login(username, "keeper-password").statusCode());
            String token = portal.issueApiToken("restart");
            assertEquals(200, portal.api("POST", "/groups/cataloguing/join", token, null).statusCode());

            Portal admin = new Portal(first.base());
            admin.login("admin", "guildhall-demo");
            adminToken = admin.issueApiToken("restart");
            assertEquals(201, admin.api("POST", "/groups", adminToken,
                    "{\"slug\":\"" + slug + "\",\"name\":\"Kept Group\",\"visibility\":\"MEMBERS\",\"joinPolicy\":\"INVITE\"}").statusCode());
            String[] texts = {"Seville orange marmalade for the autumn fair.", "Quince jelly and other preserves.",
                    "Preserves, chutneys and pickles.", "Marmalade judging rules.", "A list of the pantry."};
            for (int i = 0; i < texts.length; i++) {
                HttpResponse<String> stored = admin.multipart("/groups/" + slug + "/documents", adminToken, Map.of("tags", i % 2 == 0 ? "pantry" : "fair"),
                        List.of(new Portal.Upload("note" + i + ".txt", texts[i].getBytes(StandardCharsets.UTF_8))));
                assertEquals(201, stored.statusCode(), stored.body());
                documents.add(DocumentsIT.JSON.readTree(stored.body()).get(0).get("document").get("id").asLong());
            }
            awaitSearch(admin, adminToken, "marmalade group:" + slug, 2);
            awaitSearch(admin, adminToken, "\"quince jelly\" group:" + slug, 1);
            awaitSearch(admin, adminToken, "chutneys group:" + slug, 1);
            for (String q : queries) {
                before.put(q, answer(admin, adminToken, q));
            }
            assertEquals(5, before.get("group:" + slug).get("total").asLong());
        }

        deleteRecursively(DATA.resolve("index"));

        try (PayaraProcess second = PayaraProcess.start(DATA)) {
            Portal portal = new Portal(second.base());
            assertEquals(302, portal.login(username, "keeper-password").statusCode(), "the account is still there");
            assertTrue(portal.open("/").body().contains("Cataloguing &amp; Metadata"), "and its membership");
            Portal admin = new Portal(second.base());
            HttpResponse<String> group = admin.api("GET", "/groups/" + slug, adminToken, null);
            assertEquals(200, group.statusCode(), "API tokens survive too");
            assertTrue(group.body().contains("\"visibility\":\"MEMBERS\""), group.body());

            JsonNode status = awaitIndexReady(admin, adminToken);
            assertTrue(status.get("lastRepair").asText().startsWith("rebuilt"), "start-up rebuilt the missing index: " + status);
            for (String q : queries) {
                assertEquals(summary(before.get(q)), summary(answer(admin, adminToken, q)), "the same answer after the rebuild for " + q);
            }

            uploadUntilKilled(second, admin, adminToken, crashSlug, acknowledged);
        }
        assertTrue(acknowledged.size() >= 12);

        try (var directory = org.apache.lucene.store.FSDirectory.open(DATA.resolve("index"));
             var writer = new org.apache.lucene.index.IndexWriter(directory, new org.apache.lucene.index.IndexWriterConfig()
                     .setOpenMode(org.apache.lucene.index.IndexWriterConfig.OpenMode.APPEND))) {
            Map<String, String> commitData = org.apache.lucene.index.SegmentInfos.readLatestCommit(directory).getUserData();
            writer.deleteDocuments(new org.apache.lucene.index.Term("id", "doc-" + documents.get(0)),
                    new org.apache.lucene.index.Term("id", "doc-" + documents.get(3)));
            writer.setLiveCommitData(commitData.entrySet());
            writer.commit();
        }

        try (PayaraProcess third = PayaraProcess.start(DATA, "-Dguildhall.search.replay-window-minutes=0",
                "-Dguildhall.search.compact-after-quiet-minutes=1")) {
            Portal admin = new Portal(third.base());
            String keptGroupId = TestDatabase.single(DATA, "select id from gh_group where slug = ?", slug).orElseThrow();
            JsonNode status = awaitIndexReady(admin, adminToken);
            assertTrue(status.path("lastRepair").asText().contains("group " + keptGroupId + ": 2 missing, 0 stale, 0 extra"),
                    "the consistency check found and restored the two entries: " + status);
            for (String q : queries) {
                assertEquals(summary(before.get(q)), summary(answer(admin, adminToken, q)), "the same answer after the repair for " + q);
            }
            assertNothingAcknowledgedLost(admin, adminToken, crashSlug, acknowledged);

            // a minute without writes: the index the rebuild, the uploads and the repair left is merged into one
            // segment if it is fragmented (how much it is depends on how many uploads the kill let through)
            JsonNode quiet = awaitCompact(admin, adminToken);
            if (quiet.hasNonNull("lastCompaction")) {
                assertEquals(1, quiet.get("layout").get("segments").asInt(), quiet.toString());
                assertEquals(0, quiet.get("layout").get("deleted").asInt(), quiet.toString());
            }
            for (String q : queries) {
                assertEquals(summary(before.get(q)), summary(answer(admin, adminToken, q)), "the same answer after the merge for " + q);
            }
            assertNothingAcknowledgedLost(admin, adminToken, crashSlug, acknowledged);
        }
    }

    /**
     * Waits until the server's index is not worth merging any more (see {@code IndexLayout}) and
     * no merge runs: a fragmented index must have been merged. Answers the status.
     */
    static JsonNode awaitCompact(Portal portal, String token) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        JsonNode first = null;
        while (true) {
            HttpResponse<String> response = portal.api("GET", "/admin/search", token, null);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode status = DocumentsIT.JSON.readTree(response.body());
            JsonNode layout = status.get("layout");
            first = first == null && layout != null && !layout.isNull() ? status : first;
            if (layout != null && !layout.isNull() && !status.get("compacting").asBoolean()
                    && !new org.guildhall.search.control.IndexLayout(layout.get("segments").asInt(), layout.get("documents").asInt(),
                            layout.get("deleted").asInt(), layout.get("bytes").asLong()).worthCompacting()) {
                return status;
            }
            assertTrue(System.nanoTime() < deadline, "not merged; the layout was " + (first == null ? null : first.get("layout")) + ", now " + status);
            Thread.sleep(1000);
        }
    }

    /**
     * Two clients upload a batch (text notes and office files from the corpus) into a new group
     * until at least 12 uploads were answered, then the server gets {@code kill -9}.
     */
    static void uploadUntilKilled(PayaraProcess server, Portal admin, String adminToken, String slug, List<Long> acknowledged) throws Exception {
        List<String> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
        assertEquals(201, admin.api("POST", "/groups", adminToken,
                "{\"slug\":\"" + slug + "\",\"name\":\"Crash Test\",\"visibility\":\"PUBLIC\",\"joinPolicy\":\"OPEN\"}").statusCode());
        List<Path> corpus;
        try (var files = Files.list(DocumentsIT.CORPUS.resolve("tika/tika-parser-microsoft-module"))) {
            corpus = files.filter(f -> f.getFileName().toString().matches("test(WORD|EXCEL|PPT)\\.(docx|xlsx|pptx)")).toList();
        }
        java.util.concurrent.CountDownLatch enough = new java.util.concurrent.CountDownLatch(12);
        Runnable uploader = () -> {
            for (int i = 0; i < 200; i++) {
                List<Portal.Upload> files = new ArrayList<>();
                files.add(new Portal.Upload("note-" + Thread.currentThread().getName() + "-" + i + ".txt",
                        ("crash note " + i + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8)));
                if (!corpus.isEmpty()) {
                    files.add(Portal.Upload.of(corpus.get(i % corpus.size())));
                }
                try {
                    HttpResponse<String> response = admin.multipart("/groups/" + slug + "/documents", adminToken, Map.of(), files);
                    if (response.statusCode() != 201) {
                        refusals.add(response.statusCode() + " " + response.body());
                        return;
                    }
                    for (var result : DocumentsIT.JSON.readTree(response.body())) {
                        acknowledged.add(result.get("document").get("id").asLong());
                        enough.countDown();
                    }
                } catch (RuntimeException | java.io.IOException serverGone) {
                    return;
                }
            }
        };
        Thread first = new Thread(uploader, "a");
        Thread second = new Thread(uploader, "b");
        first.start();
        second.start();
        assertTrue(enough.await(120, TimeUnit.SECONDS), "uploads were answered before the kill: " + refusals);
        server.kill();
        first.join(60_000);
        second.join(60_000);
    }

    /** After the kill and a restart: every acknowledged upload terminal, blobs ↔ rows, no temporary file, database and index agree. */
    static void assertNothingAcknowledgedLost(Portal admin, String adminToken, String slug, List<Long> acknowledged) throws Exception {
        assertNothingAcknowledgedLost(admin, adminToken, slug, acknowledged, DATA);
    }

    /** As above, for the server on that data folder (its blobs folder may be a link to another disk). */
    static void assertNothingAcknowledgedLost(Portal admin, String adminToken, String slug, List<Long> acknowledged, Path data) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        for (long id : acknowledged) {
            String state;
            do {
                HttpResponse<String> document = admin.api("GET", "/documents/" + id, adminToken, null);
                assertEquals(200, document.statusCode(), "acknowledged document " + id + " is there after the crash");
                state = DocumentsIT.JSON.readTree(document.body()).get("current").get("state").asText();
                if (state.equals("PENDING") || state.equals("RUNNING")) {
                    assertTrue(System.nanoTime() < deadline, "document " + id + " still " + state);
                    Thread.sleep(500);
                }
            } while (state.equals("PENDING") || state.equals("RUNNING"));
        }

        java.util.Set<String> blobs;
        try (var files = Files.walk(data.resolve("blobs").toRealPath())) {
            blobs = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
        java.util.Set<String> rows = new java.util.HashSet<>();
        try (var connection = TestDatabase.connect(data);
             var statement = connection.prepareStatement("select v.blob_sha256 from gh_document_version v join gh_document d on d.id = v.document_id"
                     + " join gh_group g on g.id = d.group_id where g.slug = ?")) {
            statement.setString(1, slug);
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            for (String sha : blobs) {
                try (var any = connection.prepareStatement("select count(*) from gh_document_version where blob_sha256 = ?")) {
                    any.setString(1, sha);
                    try (var rs = any.executeQuery()) {
                        rs.next();
                        assertTrue(rs.getLong(1) > 0, "blob " + sha + " has a row");
                    }
                }
            }
        }
        assertTrue(blobs.containsAll(rows), "every version has its blob");
        try (var staged = Files.list(data.resolve("tmp/uploads"))) {
            assertEquals(0, staged.count(), "no temporary upload left");
        }

        // uploads the kill cut off after their commit (never acknowledged) are extracted too:
        // the check below should compare a settled group, not race the last of them
        String unsettled = "select count(*) from gh_document_version v join gh_document d on d.id = v.document_id"
                + " join gh_group g on g.id = d.group_id where g.slug = ? and v.extraction_state in ('PENDING', 'RUNNING')";
        while (!TestDatabase.single(data, unsettled, slug).orElseThrow().equals("0")) {
            assertTrue(System.nanoTime() < deadline, "the group's extractions still unfinished");
            Thread.sleep(500);
        }

        // database and index agree: the restart replayed what the kill interrupted
        awaitIndexReady(admin, adminToken);
        long live = Long.parseLong(TestDatabase.single(data, "select count(*) from gh_document d join gh_group g on g.id = d.group_id"
                + " where g.slug = ? and d.deleted_at is null", slug).orElseThrow());
        assertEquals(live, answer(admin, adminToken, "group:" + slug).get("total").asLong(), "every stored document is in the index");
        HttpResponse<String> check = admin.api("POST", "/admin/search/check", adminToken, null);
        assertEquals(200, check.statusCode(), check.body());
        assertEquals("database and index agree", DocumentsIT.JSON.readTree(check.body()).get("lastCheckResult").asText(),
                "a consistency check now finds nothing to repair: " + check.body());
    }

    static JsonNode answer(Portal portal, String token, String q) {
        return portal.search(q, token);
    }

    /** Total, hit ids in order and facet counts: what a reader sees of an answer. */
    static String summary(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("hits").forEach(hit -> ids.add(hit.get("id").asText()));
        return answer.get("total").asLong() + " " + ids + " " + answer.get("facets");
    }

    static void awaitSearch(Portal portal, String token, String q, long expected) throws Exception {
        assertEquals(expected, portal.awaitSearchTotal(q, token, expected, Duration.ofMinutes(2)).get("total").asLong(), q);
    }

    /** Waits until the index is READY and its start-up check has run; answers its status. */
    static JsonNode awaitIndexReady(Portal portal, String token) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            HttpResponse<String> response = portal.api("GET", "/admin/search", token, null);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode status = DocumentsIT.JSON.readTree(response.body());
            if (status.get("state").asText().equals("READY") && status.hasNonNull("lastCheckAt")) {
                return status;
            }
            assertTrue(System.nanoTime() < deadline, "index not ready: " + status);
            Thread.sleep(250);
        }
    }

    static void deleteRecursively(Path folder) throws java.io.IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

}
