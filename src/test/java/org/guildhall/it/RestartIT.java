package org.guildhall.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

        try (Server first = Server.start()) {
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

        try (Server second = Server.start()) {
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

    /** Payara Micro with the WAR, on a free port, stopped (SIGTERM, like Ctrl-C) on close. */
    record Server(Process process, int port) implements AutoCloseable {

        static Server start() throws IOException, InterruptedException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Files.createDirectories(DATA);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            for (String option : System.getProperty("it.payara.options", "").trim().split("\\s+")) {
                if (!option.isBlank() && !option.startsWith("-Dguildhall.data=")) {
                    command.add(option);
                }
            }
            command.addAll(List.of("-Dguildhall.data=" + DATA,
                    "-jar", System.getProperty("payara.microJar", "target/payara-micro.jar"),
                    "--deploy", System.getProperty("guildhall.war", "target/guildhall.war"), "--contextroot", "/",
                    "--port", String.valueOf(port), "--nocluster", "--disablephonehome",
                    "--prebootcommandfile", System.getProperty("it.prebootfile", "payara/pre-boot-commands.asadmin")));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(DATA.resolveSibling("restart-payara.log").toFile()))
                    .start();
            Server server = new Server(process, port);
            server.awaitReady();
            return server;
        }

        URI base() {
            return URI.create("http://localhost:" + port + "/");
        }

        void awaitReady() throws InterruptedException {
            Portal probe = new Portal(base());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Payara exited with " + process.exitValue() + "; see " + DATA.resolveSibling("restart-payara.log"));
                }
                try {
                    if (probe.get("/health/ready").statusCode() == 200) {
                        return;
                    }
                } catch (RuntimeException notYet) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
            close();
            throw new IllegalStateException("Payara was not ready within 240 s");
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
