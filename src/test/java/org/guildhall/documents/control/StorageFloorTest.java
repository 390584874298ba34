package org.guildhall.documents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.tika.detect.DefaultDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk and the storage floor ({@code guildhall.storage.min-free-bytes}): refused with
 * "storage is full", and nothing of the file is left behind. The real full disk is a small
 * tmpfs, mounted only where the tests run as root (the machine and CI do).
 */
class StorageFloorTest {

    private static final byte[] TEXT = "Minutes of the storage committee.\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path staging;

    private final AtomicLong usable = new AtomicLong();

    UploadPolicy cut(long floor) {
        return new UploadPolicy(10_000_000, UploadPolicy.DEFAULT_ALLOWED, staging, new DefaultDetector(), floor, usable::get);
    }

    @Test
    void anUploadThatWouldGoBelowTheFloorIsRefusedBeforeAByteIsWritten() throws Exception {
        usable.set(5_000_000);
        UploadPolicy cut = cut(2_000_000);

        StorageFull full = assertThrows(StorageFull.class, () -> cut.stage(new ByteArrayInputStream(TEXT), "big.txt", 3_500_000));
        assertTrue(full.getMessage().contains("storage is full"), full.getMessage());
        assertEmptyStaging();

        // the control: the same file with room to spare, and one whose length was not sent
        StagedFile fits = cut.stage(new ByteArrayInputStream(TEXT), "small.txt", 2_500_000);
        assertEquals(TEXT.length, fits.size());
        Files.delete(fits.file());
        Files.delete(cut.stage(new ByteArrayInputStream(TEXT), "unknown.txt").file());
    }

    @Test
    void belowTheFloorEveryUploadIsRefusedWhateverItsSize() throws IOException {
        usable.set(1_999_999);
        StorageFull full = assertThrows(StorageFull.class, () -> cut(2_000_000).stage(new ByteArrayInputStream(TEXT), "tiny.txt"));
        assertEquals(StorageFull.MESSAGE, full.getMessage());
        assertEmptyStaging();
    }

    @Test
    void withAFloorOfZeroOnlyWhatCannotFitIsRefusedInAdvance() throws Exception {
        usable.set(500_000);
        // nothing is really full here: only the check in advance could refuse
        assertThrows(StorageFull.class, () -> cut(0).stage(new ByteArrayInputStream(TEXT), "big.txt", 600_000));
        Files.delete(cut(0).stage(new ByteArrayInputStream(TEXT), "any.txt", 400_000).file());
        usable.set(0);
        Files.delete(cut(0).stage(new ByteArrayInputStream(TEXT), "unknown.txt").file());
    }

    /** A disk that fills while the bytes stream in: the write fails with ENOSPC, and no partial file is left. */
    @Test
    void aDiskThatFillsWhileStreamingEndsCleanly(@TempDir Path mountPoint) throws Exception {
        assumeTrue(mount(mountPoint, "4m"), "needs root to mount a small tmpfs");
        try {
            Path small = Files.createDirectories(mountPoint.resolve("uploads"));
            // the real disk's own figure, and no floor: only the full disk itself can refuse
            UploadPolicy cut = new UploadPolicy(10_000_000, UploadPolicy.DEFAULT_ALLOWED, small, new DefaultDetector(), 0, null);
            byte[] big = new byte[6 * 1024 * 1024];
            new Random(7).nextBytes(big);
            System.arraycopy(TEXT, 0, big, 0, TEXT.length);

            StorageFull full = assertThrows(StorageFull.class, () -> cut.stage(new ByteArrayInputStream(big), "big.txt"));
            assertEquals(StorageFull.MESSAGE, full.getMessage());
            try (var left = Files.list(small)) {
                assertEquals(0, left.count(), "no partial file is left on the full disk");
            }

            // once there is room again (the partial file is gone, so there is), uploads work
            StagedFile after = cut.stage(new ByteArrayInputStream(TEXT), "after.txt");
            assertEquals(TEXT.length, after.size());
            Files.delete(after.file());
        } finally {
            unmount(mountPoint);
        }
    }

    /** Fills the disk first: the upload cannot even begin, and the message is the same. */
    @Test
    void aDiskAlreadyFullRefusesAtOnce(@TempDir Path mountPoint) throws Exception {
        assumeTrue(mount(mountPoint, "1m"), "needs root to mount a small tmpfs");
        try {
            Path small = Files.createDirectories(mountPoint.resolve("uploads"));
            fill(mountPoint.resolve("filler"));
            UploadPolicy cut = new UploadPolicy(10_000_000, UploadPolicy.DEFAULT_ALLOWED, small, new DefaultDetector(), 0, null);

            assertThrows(StorageFull.class, () -> cut.stage(new ByteArrayInputStream(TEXT), "a.txt"));
            try (var left = Files.list(small)) {
                assertEquals(0, left.count());
            }
        } finally {
            unmount(mountPoint);
        }
    }

    static void fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    /** Mounts a tmpfs of that size; false where that is not allowed (not root, no mount). */
    static boolean mount(Path mountPoint, String size) {
        return run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mountPoint.toString());
    }

    static void unmount(Path mountPoint) {
        run("umount", mountPoint.toString());
    }

    private static boolean run(String... command) {
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

    private void assertEmptyStaging() throws IOException {
        try (var files = Files.list(staging)) {
            assertEquals(0, files.count(), "a refused upload leaves no file behind");
        }
    }
}
