package org.guildhall.extraction.control;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@link ForkedExtractor} forks and limits its children.
 *
 * @param basePath       the folder the files live under; children may read nothing outside it
 * @param workDir        where the pipes configuration, the children's logging set-up and their
 *                       temporary files go
 * @param javaPath       the java executable for the children
 * @param childClasspath the children's {@code -cp}: Tika and its parsers, e.g.
 *                       {@code <WEB-INF>/lib/*:<WEB-INF>/classes}; nothing on it may write to
 *                       System.out, which is the children's channel back to us
 * @param numClients     how many children run at once (each costs about 0.75 GiB at 512 MB heap)
 * @param timeoutMillis  how long one file may take before its child is killed
 * @param heapMb         each child's maximum heap
 * @param writeLimitChars the most characters one file may yield, over all its embedded documents
 *                       together (a zip bomb stops here)
 * @param maxEmbedded    the most embedded documents one file may yield
 */
public record ExtractorSettings(Path basePath, Path workDir, String javaPath, String childClasspath,
        int numClients, long timeoutMillis, int heapMb, int writeLimitChars, int maxEmbedded) {

    public static final int DEFAULT_NUM_CLIENTS = 2;
    public static final long DEFAULT_TIMEOUT_MILLIS = 60_000;
    public static final int DEFAULT_HEAP_MB = 512;
    public static final int DEFAULT_WRITE_LIMIT_CHARS = 5_000_000;
    public static final int DEFAULT_MAX_EMBEDDED = 1000;

    public ExtractorSettings {
        Objects.requireNonNull(basePath, "basePath");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(javaPath, "javaPath");
        Objects.requireNonNull(childClasspath, "childClasspath");
        if (numClients < 1 || timeoutMillis < 1 || heapMb < 16 || writeLimitChars < 1 || maxEmbedded < 0) {
            throw new IllegalArgumentException("Implausible extractor limits: clients " + numClients
                    + ", timeout " + timeoutMillis + " ms, heap " + heapMb + " MB, write limit "
                    + writeLimitChars + ", embedded " + maxEmbedded);
        }
    }

    /** The defaults, with children started by the java that runs this JVM. */
    public static ExtractorSettings of(Path basePath, Path workDir, String childClasspath) {
        return new ExtractorSettings(basePath, workDir, currentJava(), childClasspath, DEFAULT_NUM_CLIENTS,
                DEFAULT_TIMEOUT_MILLIS, DEFAULT_HEAP_MB, DEFAULT_WRITE_LIMIT_CHARS, DEFAULT_MAX_EMBEDDED);
    }

    /**
     * The java of this JVM. Payara Micro's Maven plugin and scripts may start from a PATH whose
     * {@code java} is too old (STACK.md), so never rely on PATH for the children.
     */
    public static String currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
