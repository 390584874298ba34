package org.guildhall.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Payara Micro with the WAR, started as scripts/run starts it, on a free port and a data folder
 * of the test's; stopped with SIGTERM (like Ctrl-C) on close, or killed outright.
 */
public record PayaraProcess(Process process, int port, Path data) implements AutoCloseable {

    /** A quiet 2-core machine boots in about 40 s; a busy one was seen to need three minutes. */
    static final int BOOT_LIMIT_SECONDS = 300;
    /**
     * A boot that neither listens nor writes a line for this long has hung: the hangs seen (a
     * deadlock on HK2's service locator while Hazelcast starts, 2026-12-05) go silent for good,
     * while a normal boot is never quiet for more than a few seconds, and a busy one was seen
     * to take three minutes with its log moving all along. Found this way, a hang costs CI a
     * minute and a half instead of five.
     */
    static final int SILENT_LIMIT_SECONDS = 90;

    /**
     * Starts Payara, once more if the first boot hangs: a boot was seen to stop inside Payara's
     * own start-up (Hazelcast, before the WAR deployed) on a quiet machine. The hung JVM's thread
     * dump goes to the log for whoever looks into it.
     */
    public static PayaraProcess start(Path data, String... systemProperties) throws IOException, InterruptedException {
        return start(data, List.of(), systemProperties);
    }

    /** The same with more Payara Micro options, such as {@code --sslport}. */
    public static PayaraProcess start(Path data, List<String> microOptions, String... systemProperties) throws IOException, InterruptedException {
        try {
            return startOnce(data, microOptions, systemProperties);
        } catch (BootHung hung) {
            return startOnce(data, microOptions, systemProperties);
        }
    }

    /** Payara did not answer within the boot time limit. */
    static class BootHung extends IllegalStateException {
        BootHung(String message) {
            super(message);
        }
    }

    private static PayaraProcess startOnce(Path data, List<String> microOptions, String... systemProperties) throws IOException, InterruptedException {
        int port = freePort();
        Files.createDirectories(data);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : System.getProperty("it.payara.options", "").trim().split("\\s+")) {
            if (!option.isBlank() && !option.startsWith("-Dguildhall.data=")) {
                command.add(option);
            }
        }
        if (System.getProperty("it.db.url", "embedded").startsWith("jdbc:postgresql:")) {
            try {
                // a database of this data folder's own (a caller's own URL, given after it, wins)
                command.add("-Dguildhall.db.url=" + TestDatabase.postgresUrl(data));
            } catch (java.sql.SQLException e) {
                throw new IOException("Cannot prepare the PostgreSQL database of " + data, e);
            }
        }
        command.addAll(List.of(systemProperties));
        command.addAll(List.of("-Dguildhall.data=" + data,
                "-jar", System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--deploy", System.getProperty("guildhall.war", "target/guildhall.war"), "--contextroot", "/",
                "--port", String.valueOf(port), "--nocluster", "--disablephonehome",
                "--prebootcommandfile", System.getProperty("it.prebootfile", "payara/pre-boot-commands.asadmin")));
        command.addAll(microOptions);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(data).toFile()))
                .start();
        PayaraProcess server = new PayaraProcess(process, port, data);
        server.awaitReady();
        return server;
    }

    /** A port nobody listens on at this moment. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Where the server started on this data folder writes its output: beside the folder. */
    public static Path log(Path data) {
        return data.resolveSibling(data.getFileName() + "-payara.log");
    }

    public URI base() {
        return URI.create("http://localhost:" + port + "/");
    }

    void awaitReady() throws InterruptedException {
        awaitReady(Duration.ofSeconds(BOOT_LIMIT_SECONDS), Duration.ofSeconds(SILENT_LIMIT_SECONDS));
    }

    /** Waits until ready; kills the process and throws {@link BootHung} past either limit. */
    void awaitReady(Duration bootLimit, Duration silentLimit) throws InterruptedException {
        Portal probe = new Portal(base());
        long deadline = System.nanoTime() + bootLimit.toNanos();
        long logSize = logSize();
        long lastSign = System.nanoTime();
        String why = "was not ready within " + bootLimit.toSeconds() + " s";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara exited with " + process.exitValue() + "; see " + log(data));
            }
            try {
                if (probe.get("/health/ready").statusCode() == 200) {
                    return;
                }
                lastSign = System.nanoTime();
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            long size = logSize();
            if (size != logSize) {
                logSize = size;
                lastSign = System.nanoTime();
            }
            if (System.nanoTime() - lastSign > silentLimit.toNanos()) {
                why = "neither listened nor logged for " + silentLimit.toSeconds() + " s";
                break;
            }
            Thread.sleep(500);
        }
        threadDump();
        process.destroyForcibly().waitFor();
        throw new BootHung("Payara " + why + "; see " + log(data));
    }

    private long logSize() {
        try {
            return Files.size(log(data));
        } catch (IOException e) {
            return -1;
        }
    }

    private void threadDump() {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(process.pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log(data).toFile())).start();
            jcmd.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // only a diagnosis
        }
    }

    /** kill -9: no shutdown hook runs, nothing is cleaned up, as when the machine loses power. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
