package org.stica.loadgen;

import java.time.Duration;

/**
 * The unmeasured warm-up, extended until the JIT compilers have settled (issue 18). In a fresh
 * JVM C2 goes on compiling for minutes: in a profile of the 8-flow run 15 s into the generator's
 * warm-up, the generator's own C2 thread took 12 % of the two cores and the server's 5 %, time
 * neither spends once it has run for an hour. So after {@code --warmup} the warm-up goes on while
 * the generator's JIT, or the watched server's when it is a JVM ({@link JitTime#of}), compiled
 * for more than {@code share} of the last {@link #PROBE} of wall time, for at most {@code max}.
 * The first probe covers the warm-up's last 10 s, so a JIT that has settled by then costs no
 * extra time.
 */
final class JitSettle {
    /** How long each reading of the compilers' time lasts. */
    static final Duration PROBE = Duration.ofSeconds(10);

    private final String serverPid;
    private final double share;
    private final Duration max;
    private final Duration probe;
    private double settleSeconds;
    private boolean settled = true;

    /**
     * @param serverPid the server's process (its JIT is waited for when it is a JVM), or null
     * @param share     compilation time per wall-clock time below which a JIT counts as settled
     * @param max       the longest the warm-up is extended; zero leaves it as it is
     */
    JitSettle(String serverPid, double share, Duration max) {
        this(serverPid, share, max, PROBE);
    }

    JitSettle(String serverPid, double share, Duration max, Duration probe) {
        this.serverPid = serverPid;
        this.share = share;
        this.max = max;
        this.probe = probe;
    }

    /** Sleeps for {@code warmup}, then for as long as a JIT is still busy (at most max). */
    void warmUp(Duration warmup) throws InterruptedException {
        if (max.isZero() || max.isNegative()) {
            Thread.sleep(warmup.toMillis());
            return;
        }
        long probeMs = probe.toMillis();
        Thread.sleep(Math.max(0, warmup.toMillis() - probeMs));
        long extraStart = System.nanoTime() + Math.min(probeMs, warmup.toMillis()) * 1_000_000;
        long deadline = extraStart + max.toNanos();
        double self = JitTime.self();
        double server = JitTime.of(serverPid);
        while (true) {
            long start = System.nanoTime();
            Thread.sleep(probeMs);
            double wall = (System.nanoTime() - start) / 1e9;
            double selfNow = JitTime.self();
            // a server that is not a JVM (Pebble) stays one: no jstat, itself a JVM, per probe
            double serverNow = server < 0 ? -1 : JitTime.of(serverPid);
            boolean quiet = quiet(self, selfNow, wall) && quiet(server, serverNow, wall);
            self = selfNow;
            server = serverNow;
            if (quiet || System.nanoTime() >= deadline) {
                settled = quiet;
                break;
            }
        }
        settleSeconds = Math.max(0, (System.nanoTime() - extraStart) / 1e9);
    }

    private boolean quiet(double before, double after, double wall) {
        return before < 0 || after < 0 || (after - before) / wall <= share;
    }

    /** Seconds the warm-up was extended beyond {@code --warmup}. */
    double settleSeconds() {
        return settleSeconds;
    }

    /** False when max ran out with a JIT still busy. */
    boolean settled() {
        return settled;
    }
}
