package org.guildhall.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Accounts, groups and memberships survive a restart: Payara Micro is started twice, as
 * scripts/run starts it, on one data folder (and on PostgreSQL when the tests use it).
 */
class RestartIT {

    static final Path DATA = Path.of(System.getProperty("it.data", "target/it-data") + "-restart").toAbsolutePath();

    @Test
    void accountsGroupsAndMembershipsSurviveARestart() throws Exception {
        String username = "keeper" + System.nanoTime() % 100000;
        String slug = "kept-" + System.nanoTime() % 100000;

        try (PayaraProcess first = PayaraProcess.start(DATA)) {
            Portal portal = new Portal(first.base());
            assertEquals(302, portal.signUp(username, "keeper-password").statusCode());
            assertEquals(302, portal.login(username, "keeper-password").statusCode());
            String token = portal.issueApiToken("restart");
            assertEquals(200, portal.api("POST", "/groups/cataloguing/join", token, null).statusCode());

            Portal admin = new Portal(first.base());
            admin.login("admin", "guildhall-demo");
            assertEquals(201, admin.api("POST", "/groups", admin.issueApiToken("restart"),
                    "{\"slug\":\"" + slug + "\",\"name\":\"Kept Group\",\"visibility\":\"MEMBERS\",\"joinPolicy\":\"INVITE\"}").statusCode());
        }

        try (PayaraProcess second = PayaraProcess.start(DATA)) {
            Portal portal = new Portal(second.base());
            assertEquals(302, portal.login(username, "keeper-password").statusCode(), "the account is still there");
            assertTrue(portal.open("/").body().contains("Cataloguing &amp; Metadata"), "and its membership");
            Portal admin = new Portal(second.base());
            admin.login("admin", "guildhall-demo");
            HttpResponse<String> group = admin.api("GET", "/groups/" + slug, admin.issueApiToken("restart"), null);
            assertEquals(200, group.statusCode());
            assertTrue(group.body().contains("\"visibility\":\"MEMBERS\""), group.body());
        }
    }

    /**
     * kill -9 in the middle of a batch upload from two clients, then a restart: every upload
     * that was answered "stored" reaches a terminal state; every version has its blob, every
     * blob its version, and no staged temporary file is left.
     */
    @Test
    void aKillDuringABatchUploadLosesNothingThatWasAcknowledged() throws Exception {
        Path data = Path.of(DATA + "-crash");
        String slug = "crash-" + System.nanoTime() % 100000;
        List<Long> acknowledged = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        List<String> refusals = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        String adminToken;
        try (PayaraProcess server = PayaraProcess.start(data)) {
            Portal admin = new Portal(server.base());
            admin.login("admin", "guildhall-demo");
            adminToken = admin.issueApiToken("crash");
            assertEquals(201, admin.api("POST", "/groups", adminToken,
                    "{\"slug\":\"" + slug + "\",\"name\":\"Crash Test\",\"visibility\":\"PUBLIC\",\"joinPolicy\":\"OPEN\"}").statusCode());
            List<Path> corpus;
            try (var files = Files.list(DocumentsIT.CORPUS.resolve("tika/tika-parser-microsoft-module"))) {
                corpus = files.filter(f -> f.getFileName().toString().matches("test(WORD|EXCEL|PPT)\\.(docx|xlsx|pptx)")).toList();
            }
            java.util.concurrent.CountDownLatch enough = new java.util.concurrent.CountDownLatch(12);
            Runnable uploader = () -> {
                for (int i = 0; i < 200; i++) {
                    List<Portal.Upload> files = new java.util.ArrayList<>();
                    files.add(new Portal.Upload("note-" + Thread.currentThread().getName() + "-" + i + ".txt",
                            ("crash note " + i + " " + System.nanoTime()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                    if (!corpus.isEmpty()) {
                        files.add(Portal.Upload.of(corpus.get(i % corpus.size())));
                    }
                    try {
                        HttpResponse<String> response = admin.multipart("/groups/" + slug + "/documents", adminToken, java.util.Map.of(), files);
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
            assertTrue(enough.await(120, java.util.concurrent.TimeUnit.SECONDS), "uploads were answered before the kill: " + refusals);
            server.kill();
            first.join(60_000);
            second.join(60_000);
        }
        assertTrue(acknowledged.size() >= 12);

        try (PayaraProcess server = PayaraProcess.start(data)) {
            Portal admin = new Portal(server.base());
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(4);
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
            try (var files = Files.walk(data.resolve("blobs"))) {
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
        }
    }
}
