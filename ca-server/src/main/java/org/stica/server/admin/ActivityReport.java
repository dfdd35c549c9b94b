package org.stica.server.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of {@code GET /admin/v1/stats/activity} (issue 17): one bucket per hour of the window,
 * oldest first, each hour present even when nothing happened in it, and the window's totals.
 * Refusal reasons are the policy's violation names ({@code spc-token.refused} audit records'
 * {@code reason}), sorted.
 */
public record ActivityReport(ActivityWindow window, Map<Instant, Long> issuances,
                             Map<Instant, Map<String, Long>> refusals) {

    /** {@code {hours, from, until, buckets: [{start, issuances, refusals: {reason: n}}], totals}}. */
    public JsonObject toJson() {
        JsonArray buckets = new JsonArray();
        long issued = 0;
        Map<String, Long> refused = new TreeMap<>();
        for (Instant start : window.hourStarts()) {
            long n = issuances.getOrDefault(start, 0L);
            Map<String, Long> reasons = new TreeMap<>(refusals.getOrDefault(start, Map.of()));
            issued += n;
            reasons.forEach((reason, count) -> refused.merge(reason, count, Long::sum));
            buckets.add(new JsonObject().put("start", start.toString()).put("issuances", n)
                    .put("refusals", json(reasons)));
        }
        return new JsonObject().put("hours", window.hours())
                .put("from", window.from().toString())
                .put("until", window.until().toString())
                .put("buckets", buckets)
                .put("totals", new JsonObject().put("issuances", issued)
                        .put("refusals", json(refused)));
    }

    private static JsonObject json(Map<String, Long> counts) {
        JsonObject json = new JsonObject();
        counts.forEach(json::put);
        return json;
    }
}
