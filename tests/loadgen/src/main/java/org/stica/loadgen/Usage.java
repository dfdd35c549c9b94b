package org.stica.loadgen;

import io.vertx.core.json.JsonObject;

/**
 * CPU seconds of the watched server process, of the generator itself and (optionally) of every
 * process with a given command name, the database, within the measured window, and the server's
 * peak VmRSS sampled every second in it; also the time the generator's JIT and the server's (when
 * it is a JVM) spent compiling in it, read just before and just after the CPU figures.
 */
final class Usage {
    private final ProcStat server;
    private final ProcStat self;
    private final double serverStart;
    private final double selfStart;
    private final String databaseComm;
    private final long clockTicks;
    private final double databaseStart;
    private final String serverPid;
    private final double selfJitStart;
    private final double serverJitStart;
    private double selfJit = -1;
    private double serverJit = -1;
    private double databaseCpu = -1;
    private double serverCpu = -1;
    private double selfCpu = -1;
    private long peakRssKiB = -1;

    Usage(String serverPid, long clockTicks) {
        this(serverPid, null, clockTicks);
    }

    /** @param databaseComm the command name of the database's processes ({@code postgres}), or null */
    Usage(String serverPid, String databaseComm, long clockTicks) {
        this.server = serverPid == null ? null : new ProcStat(serverPid, clockTicks);
        this.serverPid = serverPid;
        this.selfJitStart = JitTime.self();
        this.serverJitStart = JitTime.of(serverPid);
        this.self = new ProcStat("self", clockTicks);
        this.databaseComm = databaseComm;
        this.clockTicks = clockTicks;
        this.databaseStart = databaseComm == null ? -1
                : ProcStat.cpuSecondsOfAll(databaseComm, clockTicks);
        this.serverStart = server == null ? -1 : server.cpuSeconds();
        this.selfStart = self.cpuSeconds();
    }

    /** Sleeps until {@code endNanos} (System.nanoTime), sampling the server's RSS every second. */
    void sampleUntil(long endNanos) throws InterruptedException {
        long left;
        while ((left = endNanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.min(1000, Math.max(1, left / 1_000_000)));
            if (server != null) {
                peakRssKiB = Math.max(peakRssKiB, server.rssKiB());
            }
        }
    }

    void finish() {
        selfCpu = delta(selfStart, self.cpuSeconds());
        if (server != null) {
            serverCpu = delta(serverStart, server.cpuSeconds());
        }
        if (databaseComm != null) {
            databaseCpu = delta(databaseStart, ProcStat.cpuSecondsOfAll(databaseComm, clockTicks));
        }
        // after the CPU readings: jstat starts a JVM of its own, which must not land in them
        selfJit = delta(selfJitStart, JitTime.self());
        serverJit = serverJitStart < 0 ? -1 : delta(serverJitStart, JitTime.of(serverPid));
    }

    private static double delta(double start, double end) {
        return start < 0 || end < 0 ? -1 : end - start;
    }

    private static double per(double cpu, long issuances) {
        return cpu < 0 || issuances == 0 ? -1 : cpu / issuances;
    }

    JsonObject json(long issuances, JsonObject into) {
        into.put("generator", new JsonObject().put("cpuSeconds", selfCpu)
                .put("cpuSecondsPerIssuance", per(selfCpu, issuances))
                .put("jitSeconds", selfJit));
        if (server != null) {
            into.put("server", new JsonObject().put("cpuSeconds", serverCpu)
                    .put("cpuSecondsPerIssuance", per(serverCpu, issuances))
                    .put("peakRssMiB", peakRssKiB < 0 ? -1 : peakRssKiB / 1024.0)
                    .put("jitSeconds", serverJit));
        }
        if (databaseComm != null) {
            into.put("database", new JsonObject().put("process", databaseComm)
                    .put("cpuSeconds", databaseCpu)
                    .put("cpuSecondsPerIssuance", per(databaseCpu, issuances)));
        }
        return into;
    }

    String text(long issuances) {
        String out = String.format("generator CPU %.1f s (%.4f s/issuance), JIT %.1f s%n",
                selfCpu, per(selfCpu, issuances), selfJit);
        if (server != null) {
            out += String.format("server CPU %.1f s (%.4f s/issuance), peak VmRSS %.0f MiB%s%n",
                    serverCpu, per(serverCpu, issuances), peakRssKiB / 1024.0,
                    serverJit < 0 ? "" : String.format(", JIT %.1f s", serverJit));
        }
        if (databaseComm != null) {
            out += String.format("database (%s processes) CPU %.1f s (%.4f s/issuance)%n",
                    databaseComm, databaseCpu, per(databaseCpu, issuances));
        }
        return out;
    }
}
