package org.guildhall.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time per request of one run, for the serving process and for this benchmark's own JVM (the
 * clients). On two cores a run at concurrency 8 keeps both busy, so its latency follows the CPU
 * that every request costs, wherever it is spent: this tells a slower search (more CPU) apart
 * from one that waits (locks, pauses, too few threads), and shows what the clients take from the
 * same cores. Raw Lucene serves in this JVM: its serving and client CPU are one figure. The
 * serving JVM's JIT compiler and garbage-collector threads are shown apart: a JIT still compiling
 * during a run is warm-up, not the cost of a search.
 */
record CpuPerRequest(String what, int concurrency, int requests, double serverCpuSeconds, JvmThreads serverThreads,
        double benchCpuSeconds, double wallSeconds, boolean inProcess) {

    static final List<String> HEADER = List.of("what", "conc.", "server CPU ms/req", "of which JIT", "of which GC", "bench CPU ms/req", "cores busy");

    /** The CPU counters at the start of a run. */
    record Meter(String what, int concurrency, ProcessHandle server, double serverStart, JvmThreads threadsStart, double benchStart) {
        CpuPerRequest stop(Bench.Latencies run) {
            double serverCpu = Bench.cpuSeconds(server) - serverStart;
            JvmThreads threads = JvmThreads.of(server).minus(threadsStart);
            double benchCpu = Bench.cpuSeconds(ProcessHandle.current()) - benchStart;
            return new CpuPerRequest(what, concurrency, run.nanos().length, serverCpu, threads, benchCpu, run.seconds(),
                    server.pid() == ProcessHandle.current().pid());
        }
    }

    static Meter start(String what, int concurrency, ProcessHandle server) {
        return new Meter(what, concurrency, server, Bench.cpuSeconds(server), JvmThreads.of(server), Bench.cpuSeconds(ProcessHandle.current()));
    }

    double serverMillisPerRequest() {
        return 1000 * serverCpuSeconds / requests;
    }

    double jitMillisPerRequest() {
        return 1000 * serverThreads.jitSeconds() / requests;
    }

    double gcMillisPerRequest() {
        return 1000 * serverThreads.gcSeconds() / requests;
    }

    double benchMillisPerRequest() {
        return inProcess ? Double.NaN : 1000 * benchCpuSeconds / requests;
    }

    /** Cores kept busy on average by the server and the clients together. */
    double coresUsed() {
        return (serverCpuSeconds + (inProcess ? 0 : benchCpuSeconds)) / wallSeconds;
    }

    List<String> row() {
        return List.of(what, String.valueOf(concurrency), Bench.f(serverMillisPerRequest()), Bench.f(jitMillisPerRequest()), Bench.f(gcMillisPerRequest()),
                inProcess ? "(same JVM)" : Bench.f(benchMillisPerRequest()), Bench.f(coresUsed()));
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", what);
        m.put("concurrency", concurrency);
        m.put("serverCpuMillisPerRequest", Bench.round(serverMillisPerRequest()));
        m.put("serverJitCompilerMillisPerRequest", Bench.round(jitMillisPerRequest()));
        m.put("serverGcMillisPerRequest", Bench.round(gcMillisPerRequest()));
        m.put("benchCpuMillisPerRequest", inProcess ? null : Bench.round(benchMillisPerRequest()));
        m.put("coresUsed", Bench.round(coresUsed()));
        m.put("inProcess", inProcess);
        return m;
    }
}
