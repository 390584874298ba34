package org.guildhall.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.guildhall.extraction.control.HostileFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults of a running server (issue 7): the extraction fork killed or stopped, the data disk
 * full, the index damaged under it, and a {@code kill -9} during an index rebuild. One server
 * (started as scripts/run starts it) serves them in turn, then a second start on the same data
 * folder checks that nothing acknowledged was lost. It has one extraction process, so "the
 * child" is a single process, and its data folder is a 48 MB tmpfs (the database and the
 * index linked out to the real disk) when the tests run as root, as the machine and CI do, so
 * the disk can really fill.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    static final Path DATA = Path.of(System.getProperty("it.data", "target/it-data") + "-faults").toAbsolutePath();
    /**
     * Where the database and the index live when the data folder is the small disk: its db/ and
     * index/ are links to here, so only blobs and uploads in progress fill up. (Linking blobs/
     * and tmp/ out instead does not work: Tika's file fetcher refuses a file whose real path
     * leaves the data folder, and a move between two mounts of one disk is not atomic.)
     */
    static final Path ROOMY = DATA.resolveSibling(DATA.getFileName() + "-roomy");
    static final long MB = 1024 * 1024;
    /** guildhall.storage.min-free-bytes of this server. */
    static final long FLOOR = 4 * MB;
    static final String[] OPTIONS = {"-Dguildhall.extraction.processes=1", "-Dguildhall.extraction.timeout-seconds=20",
            "-Dguildhall.storage.min-free-bytes=" + FLOOR, "-Dguildhall.upload.max-bytes=" + 16 * MB};

    static boolean smallDisk;
    static PayaraProcess server;
    static Portal admin;
    static String token;
    static String slug = "faults-" + System.nanoTime() % 100000;
    static String secretSlug = "faults-secret-" + System.nanoTime() % 100000;
    static final List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        run("umount", DATA.toString());
        RestartIT.deleteRecursively(DATA);
        RestartIT.deleteRecursively(ROOMY);
        Files.deleteIfExists(PayaraProcess.log(DATA));
        Files.createDirectories(DATA);
        smallDisk = run("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", DATA.toString());
        if (smallDisk) {
            Files.createSymbolicLink(DATA.resolve("db"), Files.createDirectories(ROOMY.resolve("db")));
            Files.createSymbolicLink(DATA.resolve("index"), Files.createDirectories(ROOMY.resolve("index")));
        }
        server = PayaraProcess.start(DATA, OPTIONS);
        admin = new Portal(server.base());
        admin.login("admin", "guildhall-demo");
        token = admin.issueApiToken("faults");
        assertEquals(201, admin.api("POST", "/groups", token,
                "{\"slug\":\"" + slug + "\",\"name\":\"Faults\",\"visibility\":\"PUBLIC\",\"joinPolicy\":\"OPEN\"}").statusCode());
        assertEquals(201, admin.api("POST", "/groups", token,
                "{\"slug\":\"" + secretSlug + "\",\"name\":\"Faults Secret\",\"visibility\":\"MEMBERS\",\"joinPolicy\":\"INVITE\"}").statusCode());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (smallDisk) {
                run("umount", DATA.toString());
            }
        }
    }

    /**
     * The one extraction process is killed with {@code kill -9} while it extracts a slow file,
     * then stopped with {@code kill -STOP} while idle, then while extracting: each time only that
     * document is affected (it ends in a final state with a reason, or is extracted by the next
     * process), the next documents extract normally, and no process is left over.
     */
    @Test
    @Order(1)
    void theExtractionProcessDiesOrHangsAndOnlyThatDocumentIsAffected() throws Exception {
        assertEquals("DONE", awaitFinal(upload("warm-up.txt", "The pool warms up with marmalade.")).get("state").asText());
        ProcessHandle child = extractionChild();
        assertEquals(1, load().get("childProcesses").asLong(), "one extraction process, counted by the server too");

        long killed = upload("pages.pdf", HostileFiles.manyPagePdf(10_000));
        awaitState(killed, "RUNNING");
        awaitBusy(child);
        assertEquals("RUNNING", current(killed).get("state").asText(), "still extracting when killed");
        assertEquals(1, load().get("extractionsUnfinished").asLong(), "the extraction under way is counted as unfinished");
        child.destroyForcibly();
        JsonNode crashed = awaitFinal(killed);
        assertEquals("FAILED", crashed.get("state").asText(), crashed.toString());
        assertEquals("The extraction process crashed on this file.", crashed.get("reason").asText());
        assertFalse(child.isAlive());

        JsonNode next = awaitFinal(upload("after-kill.txt", "Quince jelly after the kill."));
        assertEquals("DONE", next.get("state").asText(), next.toString());

        // stopped while idle: Tika's pipes would wait for its answer for ever without the watchdog
        ProcessHandle stopped = extractionChild();
        assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(stopped.pid())).start().waitFor());
        long waiting = upload("after-stop.txt", "Damson cheese after the stop.");
        JsonNode served = awaitFinal(waiting, 60);
        assertEquals("DONE", served.get("state").asText(), "a fresh process extracted it: " + served);
        assertFalse(stopped.isAlive(), "the stopped process was killed");
        assertTrue(log().contains("was stopped and could not answer; it was killed"),
                "and the log says so");

        // stopped while extracting: that document ends with a reason (the watchdog or the timeout ends it)
        long hung = upload("pages-again.pdf", HostileFiles.manyPagePdf(10_001));
        awaitState(hung, "RUNNING");
        ProcessHandle busy = extractionChild();
        awaitBusy(busy);
        assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(busy.pid())).start().waitFor());
        JsonNode ended = awaitFinal(hung, 60);
        assertTrue(Set.of("FAILED", "TIMEOUT").contains(ended.get("state").asText()), ended.toString());
        assertFalse(ended.path("reason").asText().isBlank(), "with a reason: " + ended);

        JsonNode last = awaitFinal(upload("after-hang.txt", "Medlar jelly after the hang."));
        assertEquals("DONE", last.get("state").asText(), last.toString());
        assertEquals(1, admin.awaitSearchTotal("medlar group:" + slug, token, 1, java.time.Duration.ofMinutes(1)).get("total").asLong());
        // no leaked processes: one child, alive and running, none stopped or left a zombie
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (load().get("childProcesses").asLong() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertEquals(1, load().get("childProcesses").asLong());
        assertEquals(0, load().get("extractionsUnfinished").asLong(), "every extraction is final: nothing left unfinished");
        List<ProcessHandle> children = server.process().toHandle().children().filter(ProcessHandle::isAlive).toList();
        assertEquals(1, children.size(), children::toString);
        assertEquals(Set.of(), Set.copyOf(children.stream().map(c -> state(c.pid())).filter(s -> s == 'T' || s == 'Z').toList()));
    }

    /**
     * The data folder's small disk fills: an upload that would go below the storage floor
     * is refused at once, one whose length is unknown fails writing and is refused, and on a full
     * disk every upload is refused — each with 507 and "storage is full", leaving no row, no blob
     * and no temporary file. Earlier documents still download; freed space takes uploads again.
     */
    @Test
    @Order(2)
    void aFullDataDiskRefusesUploadsCleanlyAndRecovers() throws Exception {
        assumeTrue(smallDisk, "needs root to mount a small file system (mount -t tmpfs)");
        byte[] keptBytes = "Minutes kept before the disk filled: greengage chutney.".getBytes(StandardCharsets.UTF_8);
        long kept = upload("kept.txt", keptBytes);
        assertEquals("DONE", awaitFinal(kept).get("state").asText());
        long documents = documentCount();
        long blobs = blobCount();
        Path filler = DATA.resolve("filler");

        try {
            // ten MB left: an eight MB file would fit, but leave less than the four MB floor
            fill(filler, Files.getFileStore(DATA.resolve("blobs")).getUsableSpace() - 10 * MB);
            byte[] eight = text("Eight megabytes of minutes. ", 8 * MB);
            assertStorageFull(admin.multipart("/groups/" + slug + "/documents", token, Map.of(), List.of(new Portal.Upload("eight.txt", eight))),
                    documents, blobs);
            // no length sent: staging starts, and the disk runs out under it
            byte[] twelve = text("Twelve megabytes of minutes. ", 12 * MB);
            assertStorageFull(admin.multipart("/groups/" + slug + "/documents", token, Map.of(),
                    List.of(new Portal.Upload("twelve.txt", twelve)), true), documents, blobs);

            fill(filler, Long.MAX_VALUE);
            assertStorageFull(admin.multipart("/groups/" + slug + "/documents", token, Map.of(),
                    List.of(new Portal.Upload("tiny.txt", "A tiny note.".getBytes(StandardCharsets.UTF_8)))), documents, blobs);

            HttpResponse<byte[]> download = admin.bytes("/api/v1/documents/" + kept + "/content", Map.of("Authorization", "Bearer " + token));
            assertEquals(200, download.statusCode(), "earlier documents still download on a full disk");
            assertArrayEquals(keptBytes, download.body());
            assertEquals(1, admin.awaitSearchTotal("greengage group:" + slug, token, 1, java.time.Duration.ofMinutes(1)).get("total").asLong(),
                    "and are still found");
        } finally {
            Files.deleteIfExists(filler);
        }
        JsonNode after = awaitFinal(upload("after-full.txt", "Stored once there was room again: rhubarb."));
        assertEquals("DONE", after.get("state").asText(), after.toString());
        assertEquals(documents + 1, documentCount());
    }

    /**
     * The index folder is damaged while the server runs: bytes flipped in a segment file, then
     * a segment file deleted. Searches cannot see either (Lucene reads through memory maps and
     * checks no checksum); the consistency check verifies the files, finds the damage, logs it
     * and rebuilds the index in place. An outsider's searches never show the private group's
     * document meanwhile, and afterwards every answer is whole again.
     */
    @Test
    @Order(3)
    void aDamagedIndexIsFoundRebuiltAndLoggedWhileSearchesAnswer() throws Exception {
        HttpResponse<String> secret = admin.multipart("/groups/" + secretSlug + "/documents", token, Map.of(),
                List.of(new Portal.Upload("secret.txt", "The trustees' secret sloe gin recipe.".getBytes(StandardCharsets.UTF_8))));
        assertEquals(201, secret.statusCode(), secret.body());
        awaitFinal(DocumentsIT.JSON.readTree(secret.body()).get(0).get("document").get("id").asLong());
        admin.awaitSearchTotal("sloe", token, 1, java.time.Duration.ofMinutes(1));
        Portal outsider = new Portal(server.base());
        assertEquals(302, outsider.login("noah", "guildhall-demo").statusCode());
        String outsiderToken = outsider.issueApiToken("faults");
        assertEquals(0, outsider.search("sloe", outsiderToken).get("total").asLong(), "the control: noah cannot find it");
        long total = admin.search("group:" + slug, token).get("total").asLong();
        assertTrue(total >= 4, "documents to lose: " + total);

        for (String damage : List.of("flipped", "deleted")) {
            Path segment = awaitCommittedSegmentFile();
            if (damage.equals("flipped")) {
                flipByteInPlace(segment);
            } else {
                Files.delete(segment);
                assertEquals(total, admin.search("group:" + slug, token).get("total").asLong(), "searches cannot tell: the file stays mapped");
            }
            Instant damaged = Instant.now();
            assertEquals(200, admin.api("POST", "/admin/search/check", token, null).statusCode());
            // the rebuild runs in place: searches answer throughout, never with the private group for an outsider
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            JsonNode status;
            do {
                JsonNode answer = outsider.search("sloe", outsiderToken);
                assertEquals(0, answer.get("total").asLong(), "never unfiltered: " + answer);
                assertTrue(admin.search("group:" + slug, token).get("total").asLong() <= total);
                status = DocumentsIT.JSON.readTree(admin.api("GET", "/admin/search", token, null).body());
                assertTrue(System.nanoTime() < deadline, damage + ": not rebuilt: " + status);
            } while (!status.get("state").asText().equals("READY") || !status.hasNonNull("lastRepairAt")
                    || Instant.parse(status.get("lastRepairAt").asText()).isBefore(damaged));
            String exception = damage.equals("flipped") ? "CorruptIndexException" : "NoSuchFileException";
            assertTrue(status.get("lastRepair").asText().matches("rebuilt \\d+ entries from the database \\(the index files were corrupt \\("
                    + exception + "\\)\\)"), damage + ": found by the check and rebuilt: " + status);
            assertEquals(total, admin.awaitSearchTotal("group:" + slug, token, total, java.time.Duration.ofMinutes(1)).get("total").asLong(),
                    damage + ": every document is found again");
            assertEquals(1, admin.search("sloe", token).get("total").asLong());
            assertEquals(0, outsider.search("sloe", outsiderToken).get("total").asLong());
            assertEquals("database and index agree", DocumentsIT.JSON.readTree(admin.api("POST", "/admin/search/check", token, null).body())
                    .get("lastCheckResult").asText());
        }
        String log = log();
        assertTrue(log.contains("The search index files are corrupt; the index is rebuilt from the database"), "logged");
    }

    /**
     * {@code kill -9} during an index rebuild that an administrator started (with enough
     * documents that it takes a while); the next start replays from the last commit: every
     * upload that was answered is there, blobs and rows match, no temporary file, database and
     * index agree, and the index folder holds only what its commit uses.
     */
    @Test
    @Order(4)
    void aKillDuringARebuildLosesNothing() throws Exception {
        // batches small enough to be answered within the client's minute on a loaded machine (PostgreSQL)
        for (int batch = 0; batch < 15; batch++) {
            List<Portal.Upload> files = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                files.add(new Portal.Upload("rebuild-" + batch + "-" + i + ".txt",
                        ("Rebuild note " + batch + "-" + i + " about plum jam " + System.nanoTime()).getBytes(StandardCharsets.UTF_8)));
            }
            HttpResponse<String> stored = admin.multipart("/groups/" + slug + "/documents", token, Map.of(), files);
            assertEquals(201, stored.statusCode(), stored.body());
            DocumentsIT.JSON.readTree(stored.body()).forEach(result -> acknowledged.add(result.get("document").get("id").asLong()));
        }
        HttpResponse<String> rebuild = admin.api("POST", "/admin/search/rebuild", token, null);
        for (int tries = 0; rebuild.statusCode() == 409 && tries < 20; tries++) {
            // the poll's catch-up holds maintenance for a moment every few seconds
            Thread.sleep(250);
            rebuild = admin.api("POST", "/admin/search/rebuild", token, null);
        }
        assertEquals(202, rebuild.statusCode(), rebuild.body());
        JsonNode status;
        do {
            status = DocumentsIT.JSON.readTree(admin.api("GET", "/admin/search", token, null).body());
            assertEquals("REBUILDING", status.get("state").asText(), "the rebuild ended before the kill: " + status);
        } while (status.get("rebuildDone").asLong() == 0);
        server.kill();
        assertTrue(status.get("rebuildDone").asLong() < status.get("rebuildTotal").asLong(), "killed part-way through the rebuild: " + status);
        // the extraction process does not outlive its server
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (orphanedChildren() > 0) {
            assertTrue(System.nanoTime() < deadline, "extraction processes outlived the killed server");
            Thread.sleep(250);
        }

        server = PayaraProcess.start(DATA, OPTIONS);
        admin = new Portal(server.base());
        RestartIT.assertNothingAcknowledgedLost(admin, token, slug, acknowledged, DATA);
        server.close();
        server = null;
        try (var directory = org.apache.lucene.store.FSDirectory.open(DATA.resolve("index"))) {
            Set<String> used = Set.copyOf(org.apache.lucene.index.SegmentInfos.readLatestCommit(directory).files(true));
            List<String> orphans = java.util.Arrays.stream(directory.listAll()).filter(f -> !used.contains(f) && !f.equals("write.lock")).toList();
            assertEquals(List.of(), orphans, "index files no commit uses");
        }
    }

    // --- helpers

    /** The server log of this class's starts (leniently decoded: extraction processes write to it too). */
    static String log() throws IOException {
        return new String(Files.readAllBytes(PayaraProcess.log(DATA)), StandardCharsets.UTF_8);
    }

    static long upload(String name, String text) {
        return upload(name, text.getBytes(StandardCharsets.UTF_8));
    }

    static long upload(String name, byte[] content) {
        HttpResponse<String> stored = admin.multipart("/groups/" + slug + "/documents", token, Map.of(), List.of(new Portal.Upload(name, content)));
        assertEquals(201, stored.statusCode(), stored.body());
        try {
            long id = DocumentsIT.JSON.readTree(stored.body()).get(0).get("document").get("id").asLong();
            acknowledged.add(id);
            return id;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static JsonNode current(long id) throws IOException {
        HttpResponse<String> document = admin.api("GET", "/documents/" + id, token, null);
        assertEquals(200, document.statusCode(), document.body());
        return DocumentsIT.JSON.readTree(document.body()).get("current");
    }

    static void awaitState(long id, String state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!current(id).get("state").asText().equals(state)) {
            assertTrue(System.nanoTime() < deadline, "document " + id + " never " + state + ": " + current(id));
            Thread.sleep(100);
        }
    }

    static JsonNode awaitFinal(long id) throws Exception {
        return awaitFinal(id, 120);
    }

    static JsonNode awaitFinal(long id, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            JsonNode version = current(id);
            if (!Set.of("PENDING", "RUNNING").contains(version.get("state").asText())) {
                return version;
            }
            assertTrue(System.nanoTime() < deadline, "document " + id + " not final within " + seconds + " s: " + version);
            Thread.sleep(250);
        }
    }

    static JsonNode load() throws IOException {
        HttpResponse<String> load = admin.api("GET", "/admin/server-load", token, null);
        assertEquals(200, load.statusCode(), load.body());
        return DocumentsIT.JSON.readTree(load.body());
    }

    /** The server's one extraction process (Tika's PipesServer), waiting for it to be up. */
    static ProcessHandle extractionChild() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<ProcessHandle> children = server.process().toHandle().children().filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().orElse("").contains("org.apache.tika.pipes.PipesServer")).toList();
            if (children.size() == 1) {
                return children.get(0);
            }
            assertTrue(System.nanoTime() < deadline, "not one extraction process: " + children);
            Thread.sleep(100);
        }
    }

    /** The job is leased before the file reaches the process: waits until it has spent half a second of CPU on it. */
    static void awaitBusy(ProcessHandle child) throws InterruptedException {
        java.time.Duration start = child.info().totalCpuDuration().orElse(java.time.Duration.ZERO);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (child.info().totalCpuDuration().orElse(java.time.Duration.ZERO).minus(start).toMillis() < 500) {
            assertTrue(System.nanoTime() < deadline, "the extraction process did not get to work");
            Thread.sleep(50);
        }
    }

    /** Extraction processes of this data folder that are not children of a running server. */
    static long orphanedChildren() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("org.apache.tika.pipes.PipesServer"))
                .filter(p -> p.info().commandLine().orElse("").contains(DATA.toString())).count();
    }

    /** The process state letter from /proc (R, S, T, Z, …); '?' when unreadable. */
    static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException | RuntimeException e) {
            return '?';
        }
    }

    static void assertStorageFull(HttpResponse<String> response, long documents, long blobs) throws Exception {
        assertEquals(507, response.statusCode(), response.body());
        assertTrue(response.body().contains("storage is full"), response.body());
        assertEquals(documents, documentCount(), "no row");
        assertEquals(blobs, blobCount(), "no blob");
        try (var staged = Files.list(DATA.resolve("tmp/uploads"))) {
            assertEquals(List.of(), staged.toList(), "no temporary file");
        }
    }

    static long documentCount() throws IOException {
        return DocumentsIT.JSON.readTree(admin.api("GET", "/groups/" + slug + "/documents", token, null).body()).get("total").asLong();
    }

    static long blobCount() throws IOException {
        try (var files = Files.walk(DATA.resolve("blobs").toRealPath())) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    /** Text of about that size (so its type is allowed: only the disk may refuse it). */
    static byte[] text(String line, long bytes) {
        StringBuilder text = new StringBuilder((int) bytes);
        while (text.length() < bytes) {
            text.append(line).append(text.length()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends real bytes (a sparse file would take no room) until that many more are written or the disk is full. */
    static void fill(Path filler, long bytes) throws IOException {
        byte[] block = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            while (written < bytes) {
                int n = (int) Math.min(block.length, bytes - written);
                out.write(block, 0, n);
                written += n;
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    /**
     * The largest file of the index's last commit, once nothing waits to be committed (no commit
     * for longer than the 5 s between commits): a later commit could merge the file away. The
     * largest segment is the one a merge takes last.
     */
    static Path awaitCommittedSegmentFile() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            JsonNode status = DocumentsIT.JSON.readTree(admin.api("GET", "/admin/search", token, null).body());
            if (status.get("state").asText().equals("READY") && status.hasNonNull("lastCommitAt")
                    && Instant.parse(status.get("lastCommitAt").asText()).isBefore(Instant.now().minusSeconds(7))) {
                break;
            }
            assertTrue(System.nanoTime() < deadline, "the index kept committing: " + status);
            Thread.sleep(250);
        }
        Path folder = DATA.resolve("index");
        try (var directory = org.apache.lucene.store.FSDirectory.open(folder)) {
            return org.apache.lucene.index.SegmentInfos.readLatestCommit(directory).files(false).stream()
                    .filter(name -> !name.startsWith("segments")).map(folder::resolve)
                    .max(java.util.Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
        }
    }

    /** One byte flipped where it lies (no truncation under the server's memory maps), as a failing disk would. */
    static void flipByteInPlace(Path file) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
            long at = channel.size() / 2;
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            channel.read(one, at);
            one.put(0, (byte) ~one.get(0)).rewind();
            channel.write(one, at);
            channel.force(true);
        }
    }

    static boolean run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
