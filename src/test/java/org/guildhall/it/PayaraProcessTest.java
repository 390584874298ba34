package org.guildhall.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a test tells a hung Payara boot from a slow one, with stand-in processes instead of Payara
 * (neither listens on the port): silence means hung, a log that keeps moving means slow.
 */
class PayaraProcessTest {

    @Test
    void aBootThatNeitherListensNorLogsIsHungLongBeforeTheBootLimit(@TempDir Path folder) throws Exception {
        PayaraProcess silent = standIn(folder.resolve("silent"), "sleep 60");
        long start = System.nanoTime();
        PayaraProcess.BootHung hung = assertThrows(PayaraProcess.BootHung.class,
                () -> silent.awaitReady(Duration.ofSeconds(60), Duration.ofSeconds(2)));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertTrue(seconds < 30, "given up after the silence, not the boot limit: " + seconds + " s");
        assertTrue(hung.getMessage().contains("neither listened nor logged for 2 s"), hung.getMessage());
        assertFalse(silent.process().isAlive(), "the hung process is killed");
    }

    @Test
    void aBootWhoseLogMovesIsWaitedForUntilTheBootLimit(@TempDir Path folder) throws Exception {
        Path data = folder.resolve("busy");
        PayaraProcess busy = standIn(data, "while true; do echo starting >> '" + PayaraProcess.log(data) + "'; sleep 0.5; done");
        long start = System.nanoTime();
        PayaraProcess.BootHung slow = assertThrows(PayaraProcess.BootHung.class,
                () -> busy.awaitReady(Duration.ofSeconds(6), Duration.ofSeconds(2)));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertTrue(seconds >= 5, "a boot whose log moves is not called hung after 2 s of no answer: " + seconds + " s");
        assertTrue(slow.getMessage().contains("was not ready within 6 s"), slow.getMessage());
    }

    private static PayaraProcess standIn(Path data, String script) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", script).start();
        return new PayaraProcess(process, PayaraProcess.freePort(), data);
    }
}
