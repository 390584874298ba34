package org.guildhall.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU seconds a JVM's own JIT compiler threads and garbage-collection threads have used, read
 * from Linux's per-thread counters ({@code /proc/<pid>/task/<tid>/stat}); the JVM names those
 * threads "C1 CompilerThre…", "C2 CompilerThre…", "GC Thread#…" and "G1 …". A compiler thread
 * that the JVM retires between two readings takes its CPU with it, so a difference of two
 * readings is a lower bound. NaN where /proc cannot be read.
 */
record JvmThreads(double jitSeconds, double gcSeconds) {

    /** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;

    static JvmThreads of(ProcessHandle process) {
        double jit = 0;
        double gc = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                // "tid (name) state ppid …": the name may hold spaces, so fields count from its closing parenthesis
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close);
                String[] fields = stat.substring(close + 2).split(" ");
                double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    jit += seconds;
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                    gc += seconds;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new JvmThreads(Double.NaN, Double.NaN);
        }
        return new JvmThreads(jit, gc);
    }

    JvmThreads minus(JvmThreads before) {
        return new JvmThreads(jitSeconds - before.jitSeconds, gcSeconds - before.gcSeconds);
    }
}
