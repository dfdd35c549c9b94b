package org.stica.loadgen;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What a run measured: per-step and total latency histograms (HdrHistogram, microseconds) and
 * issuances, recorded only inside the measurement window; errors counted by step and kind in
 * every phase (warm-up included) — never dropped.
 */
public final class Stats {
    /** The steps of a flow, in order; TOTAL is one whole issuance (newOrder → certificate). */
    public enum Step {
        NEW_ACCOUNT("newAccount"), TOKEN("token"), NEW_ORDER("newOrder"), AUTHZ("authz"),
        CHALLENGE("challenge"), POLL_AUTHZ("pollAuthz"), FINALIZE("finalize"),
        POLL_ORDER("pollOrder"), CERTIFICATE("certificate"), TOTAL("total");

        final String label;

        Step(String label) {
            this.label = label;
        }
    }

    private static final long MAX_MICROS = 120_000_000L;

    private final Map<Step, Histogram> histograms = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, String> errorSamples = new ConcurrentHashMap<>();
    private final LongAdder issuances = new LongAdder();
    private final LongAdder badNonceRetries = new LongAdder();
    private final LongAdder newNonces = new LongAdder();
    private final AtomicLong windowStart = new AtomicLong();
    private final AtomicLong windowEnd = new AtomicLong();
    private volatile boolean recording;

    public Stats() {
        for (Step s : Step.values()) {
            histograms.put(s, new ConcurrentHistogram(MAX_MICROS, 3));
        }
    }

    public void startWindow() {
        windowStart.set(System.nanoTime());
        recording = true;
    }

    public void endWindow() {
        recording = false;
        windowEnd.set(System.nanoTime());
    }

    public boolean recording() {
        return recording;
    }

    public void step(Step step, long nanos) {
        if (recording) {
            histograms.get(step).recordValue(Math.min(MAX_MICROS, Math.max(1, nanos / 1000)));
        }
    }

    public void issued(long totalNanos) {
        if (recording) {
            step(Step.TOTAL, totalNanos);
            issuances.increment();
        }
    }

    public void badNonceRetried() {
        badNonceRetries.increment();
    }

    /** A HEAD newNonce was needed (no Replay-Nonce held): once per worker when all goes well. */
    public void newNonceFetched() {
        newNonces.increment();
    }

    public void error(Step step, AcmeFailure failure) {
        String key = step.label + ": " + failure.kind();
        errors.computeIfAbsent(key, k -> new LongAdder()).increment();
        errorSamples.putIfAbsent(key, String.valueOf(failure.getMessage()));
    }

    public long issuances() {
        return issuances.sum();
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> errors() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public double seconds() {
        return (windowEnd.get() - windowStart.get()) / 1e9;
    }

    public double rate() {
        double s = seconds();
        return s > 0 ? issuances() / s : 0;
    }

    /** Milliseconds at {@code percentile} of a step (0 when the step was never recorded). */
    public double millis(Step step, double percentile) {
        Histogram h = histograms.get(step);
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    public long count(Step step) {
        return histograms.get(step).getTotalCount();
    }

    /** The human-readable report. */
    public String table(String header) {
        StringBuilder out = new StringBuilder(header).append('\n');
        out.append(String.format("issuances %d in %.1f s = %.1f/s; errors %d; badNonce retries %d;"
                        + " newNonce requests %d%n", issuances(), seconds(), rate(), errorCount(),
                badNonceRetries.sum(), newNonces.sum()));
        out.append(String.format("%-12s %8s %9s %9s %9s %9s%n", "step", "count", "p50 ms",
                "p95 ms", "p99 ms", "max ms"));
        for (Step s : Step.values()) {
            Histogram h = histograms.get(s);
            if (h.getTotalCount() > 0) {
                out.append(String.format("%-12s %8d %9.1f %9.1f %9.1f %9.1f%n", s.label,
                        h.getTotalCount(), millis(s, 50), millis(s, 95), millis(s, 99),
                        h.getMaxValue() / 1000.0));
            }
        }
        errors().forEach((k, v) -> out.append(String.format("error %6d  %s  e.g. %s%n", v, k,
                errorSamples.get(k))));
        return out.toString();
    }

    /** The machine-readable result (one line). */
    public JsonObject json() {
        JsonObject steps = new JsonObject();
        for (Step s : Step.values()) {
            if (count(s) > 0) {
                steps.put(s.label, new JsonObject().put("count", count(s))
                        .put("p50Ms", millis(s, 50)).put("p95Ms", millis(s, 95))
                        .put("p99Ms", millis(s, 99)));
            }
        }
        JsonObject errorJson = new JsonObject();
        errors().forEach(errorJson::put);
        return new JsonObject().put("issuances", issuances()).put("seconds", seconds())
                .put("issuancesPerSecond", rate()).put("p50Ms", millis(Step.TOTAL, 50))
                .put("p95Ms", millis(Step.TOTAL, 95)).put("p99Ms", millis(Step.TOTAL, 99))
                .put("errorCount", errorCount()).put("badNonceRetries", badNonceRetries.sum())
                .put("newNonceRequests", newNonces.sum())
                .put("errors", errorJson).put("steps", steps);
    }
}
