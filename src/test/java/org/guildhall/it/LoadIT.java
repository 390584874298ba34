package org.guildhall.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.guildhall.it.Portal.Upload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Load, on one Payara process started as scripts/run starts it (so the test knows its pid and
 * reads its threads and file handles from /proc): the short form of the soak that
 * {@code scripts/soak} runs for minutes, and slow and idle clients beside normal ones.
 * Loopback only; everything stops by itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadIT {

    static final Path DATA = Path.of(System.getProperty("it.data", "target/it-data") + "-load").toAbsolutePath();
    /** What "promptly" means for a normal request while slow and idle clients hang on (a busy 2-core machine included). */
    static final long PROMPT_SECONDS = 10;
    static final Duration PROMPT = Duration.ofSeconds(PROMPT_SECONDS);

    static PayaraProcess server;

    @BeforeAll
    static void start() throws Exception {
        RestartIT.deleteRecursively(DATA);
        server = PayaraProcess.start(DATA);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /**
     * 20 uploaders, 8 searchers and members viewing pages for a minute (the CI form of
     * {@code scripts/soak}): no 5xx, no connection error, no unexpected 4xx, every upload
     * terminal, searches answering throughout, and heap, threads and file handles no higher after
     * the load than while it ran. {@code -Dit.soak.seconds} lengthens it.
     */
    @Test
    @Order(1)
    void aShortSoakEndsWithoutErrorsAndWithoutLeaks() throws Exception {
        Soak.Settings settings = new Soak.Settings(Integer.getInteger("it.soak.uploaders", 20), Integer.getInteger("it.soak.searchers", 8),
                Integer.getInteger("it.soak.pages", 3), Duration.ofSeconds(Long.getLong("it.soak.seconds", 60)),
                Path.of(System.getProperty("it.corpus", "../shared/corpus/documents")));
        Soak.Result result = Soak.run(server, settings, System.out);
        assertEquals(List.of(), result.failures(), result.report());
        assertTrue(result.documents() >= settings.uploaders(), "every uploader got at least one file in: " + result.report());
    }

    /**
     * A client uploading at 1 KB/s, one that stops in the middle of its upload, and a hundred
     * idle connections (half silent, half stopped inside a request line): meanwhile members'
     * page views, searches and an upload each answer within {@value #PROMPT_SECONDS} s; the slow
     * upload is stored in the end (slow is not refused); the server ends the stalled upload and
     * closes the idle connections by itself (Grizzly's read and keep-alive timeouts, see
     * payara/pre-boot-commands.asadmin), and none of them kept a thread. Run on H2 only: this is
     * Grizzly's handling of connections, the same on either database, and its waits for the
     * server's timeouts take about a minute and a half of CI's time.
     */
    @Test
    @Order(2)
    @DisabledIfSystemProperty(named = "it.db.url", matches = "jdbc:postgresql:.*", disabledReason = "HTTP connection handling; run on H2")
    void aSlowUploaderAndAHundredIdleConnectionsDoNotStopOthers() throws Exception {
        URI base = server.base();
        String adminToken = DemoTokens.of(base, "admin");
        String miaToken = DemoTokens.of(base, "mia");
        String carolToken = DemoTokens.of(base, "carol");
        Portal mia = new Portal(base);
        assertEquals(302, mia.login("mia", DemoTokens.PASSWORD).statusCode());
        int threadsBefore = threads();

        String marker = "slowx" + System.nanoTime() % 100_000;
        String boundary = "----slow" + System.nanoTime();
        StringBuilder text = new StringBuilder("A paper sent over a poor line: " + marker + ".\n");
        while (text.length() < 20 * 1024) {
            text.append("The minutes of the slow committee, read one line at a time.\n");
        }
        byte[] body = Portal.multipartBody(boundary, Map.of("tags", "slow"),
                List.of(new Upload("slow-" + marker + ".txt", text.toString().getBytes(StandardCharsets.UTF_8))));
        String head = "POST /api/v1/groups/cataloguing/documents HTTP/1.1\r\nHost: localhost:" + server.port()
                + "\r\nAuthorization: Bearer " + adminToken + "\r\nAccept: application/json\r\nContent-Type: multipart/form-data; boundary="
                + boundary + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";

        long opened = System.nanoTime();
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Socket socket = connect();
            if (i % 2 == 1) {
                socket.getOutputStream().write("GET /search.xhtml?q=idle HT".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
            idle.add(socket);
        }
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> slowUpload(head, body));
        CompletableFuture<Double> stalled = CompletableFuture.supplyAsync(() -> stalledUpload(head, body));

        // normal members meanwhile: each answer within the limit, for as long as the slow upload is still sending
        List<String> late = new ArrayList<>();
        List<Long> millis = new ArrayList<>();
        int rounds = 0;
        int threadsDuring = 0;
        while (!slow.isDone() || rounds < 3) {
            rounds++;
            for (String path : List.of("/", "/groups/group.xhtml?slug=cataloguing", "/search.xhtml?q=committee+minutes")) {
                timed(late, millis, "page " + path, () -> mia.get(path), 200);
            }
            timed(late, millis, "search", () -> mia.api("GET", "/search?q=" + URLEncoder.encode("committee", StandardCharsets.UTF_8), miaToken, null), 200);
            int round = rounds;
            timed(late, millis, "upload", () -> mia.multipart("/groups/cataloguing/documents", carolToken, Map.of(),
                    List.of(new Upload("meanwhile-" + round + ".txt", ("Meanwhile, round " + round).getBytes(StandardCharsets.UTF_8)))), 201);
            threadsDuring = Math.max(threadsDuring, threads());
            assertTrue(System.nanoTime() - opened < TimeUnit.MINUTES.toNanos(3), "the slow upload took over three minutes");
        }
        String slowAnswer = slow.get();
        System.out.printf(Locale.ROOT, "Slow and idle clients: %d rounds of normal requests meanwhile, slowest %d ms; server threads %d before,"
                + " %d at most while 100 idle connections, one slow and one stalled upload hung on%n", rounds,
                millis.stream().mapToLong(Long::longValue).max().orElse(0), threadsBefore, threadsDuring);
        assertEquals(List.of(), late, "normal requests answer promptly while slow and idle clients hang on");
        assertTrue(threadsDuring < threadsBefore + 50, "idle connections hold no thread each: " + threadsBefore + " -> " + threadsDuring);

        // slow is not refused: the paper sent at 1 KB/s is stored and found
        assertTrue(slowAnswer.startsWith("HTTP/1.1 201"), "the slow upload is stored: " + CorpusUpload.clip(slowAnswer, 400));
        assertEquals(1, mia.awaitSearchTotal(marker, miaToken, 1, Duration.ofMinutes(1)).get("total").asLong(), "the slow paper is searchable");

        // the server ends what hangs on by itself
        double stalledSeconds = stalled.get(3, TimeUnit.MINUTES);
        List<Double> idleClosed = new ArrayList<>();
        for (Socket socket : idle) {
            idleClosed.add(awaitClosedByServer(socket, opened, Duration.ofSeconds(120)));
        }
        System.out.printf(Locale.ROOT, "The server ended the stalled upload after %.0f s; the idle connections were closed by the server"
                        + " when looked at, %.0f to %.0f s after they opened%n", stalledSeconds,
                idleClosed.stream().mapToDouble(Double::doubleValue).min().orElse(-1),
                idleClosed.stream().mapToDouble(Double::doubleValue).max().orElse(-1));
        assertTrue(stalledSeconds >= 0, "the server ended the stalled upload within two minutes");
        assertFalse(idleClosed.contains(-1.0), "the server closed every idle connection within two minutes: " + idleClosed);

        assertEquals(200, mia.get("/health/ready").statusCode(), "and still answers");
        int threadsAfter = threads();
        assertTrue(threadsAfter <= threadsBefore + 20, "no thread is left behind: " + threadsBefore + " -> " + threadsAfter);
        mia.close();
    }

    interface Call {
        HttpResponse<String> call();
    }

    static void timed(List<String> late, List<Long> millis, String what, Call call, int expected) {
        long t = System.nanoTime();
        int status;
        try {
            status = call.call().statusCode();
        } catch (RuntimeException e) {
            late.add(what + ": " + e);
            return;
        }
        long ms = (System.nanoTime() - t) / 1_000_000;
        millis.add(ms);
        if (status != expected || ms > PROMPT.toMillis()) {
            late.add(what + ": HTTP " + status + " after " + ms + " ms");
        }
    }

    static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 10_000);
        return socket;
    }

    /** The request at 1 KB/s (128 bytes every 125 ms), then the whole answer. */
    static String slowUpload(String head, byte[] body) {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int offset = 0; offset < body.length; offset += 128) {
                out.write(body, offset, Math.min(128, body.length - offset));
                out.flush();
                Thread.sleep(125);
            }
            socket.setSoTimeout(120_000);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Headers and half the body, then silence: seconds until the server ends it, or -1 after two minutes. */
    static double stalledUpload(String head, byte[] body) {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            long stalled = System.nanoTime();
            socket.setSoTimeout(120_000);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            double seconds = (System.nanoTime() - stalled) / 1e9;
            System.out.printf(Locale.ROOT, "Stalled upload ended by the server after %.1f s with: %s%n", seconds,
                    answer.isEmpty() ? "(nothing, connection closed)" : CorpusUpload.clip(answer, 300));
            // the client's silence is the client's failure: no 5xx (which would also log a server error)
            assertFalse(answer.startsWith("HTTP/1.1 5"), "the stalled upload is not answered as a server error: " + answer);
            assertFalse(HostileIT.LEAK.matcher(answer).find(), "no stack trace or server name: " + answer);
            return seconds;
        } catch (SocketTimeoutException e) {
            return -1;
        } catch (IOException e) {
            // reset by the server: ended too
            return 0;
        }
    }

    /** Seconds from opening until the server closed the connection, or -1 if it still holds it at the limit. */
    static double awaitClosedByServer(Socket socket, long openedNanos, Duration limit) throws IOException {
        long deadline = openedNanos + limit.toNanos();
        try (socket; InputStream in = socket.getInputStream()) {
            ByteArrayOutputStream ignored = new ByteArrayOutputStream();
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                try {
                    int b = in.read();
                    if (b < 0) {
                        return (System.nanoTime() - openedNanos) / 1e9;
                    }
                    ignored.write(b);
                } catch (SocketTimeoutException stillOpen) {
                    return -1;
                } catch (IOException reset) {
                    return (System.nanoTime() - openedNanos) / 1e9;
                }
            }
            return -1;
        }
    }

    /** The server's threads as the kernel counts them. */
    static int threads() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(server.process().pid()), "status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring(8).trim());
            }
        }
        throw new IllegalStateException("no thread count for the server");
    }
}
