package org.stica.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stica.server.http.HttpProblem;

/**
 * The activity report's window and body (issue 17): whole UTC hours ending with the hour in
 * progress, one bucket per hour even when empty, totals that add the buckets up, and a bad
 * {@code hours} refused as a {@code malformed} problem.
 */
class ActivityReportTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:37:12.5Z");

    @Test
    void endingAt_midHour_coversTheHoursUpToTheOneInProgress() {
        ActivityWindow window = ActivityWindow.endingAt(NOW, 24);

        assertEquals(Instant.parse("2026-02-28T11:00:00Z"), window.from());
        assertEquals(Instant.parse("2026-03-01T11:00:00Z"), window.until());
        assertEquals(24, window.hourStarts().size());
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), window.hourStarts().get(23));
    }

    @Test
    void window_offTheHourOrOutOfRange_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ActivityWindow(NOW, 1));
        Instant hour = Instant.parse("2026-03-01T10:00:00Z");
        assertThrows(IllegalArgumentException.class, () -> new ActivityWindow(hour, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ActivityWindow(hour, ActivityWindow.MAX_HOURS + 1));
    }

    @Test
    void toJson_sparseCounts_givesEveryHourAndTheTotals() {
        ActivityWindow window = ActivityWindow.endingAt(NOW, 3);
        Instant eight = Instant.parse("2026-03-01T08:00:00Z");
        Instant ten = Instant.parse("2026-03-01T10:00:00Z");

        JsonObject json = new ActivityReport(window, Map.of(eight, 2L, ten, 1L),
                Map.of(ten, Map.of("TOKEN_EXPIRED", 3L, "TOKEN_JTI_REPLAYED", 1L),
                        eight, Map.of("TOKEN_EXPIRED", 1L))).toJson();

        assertEquals(new JsonObject().put("hours", 3).put("from", "2026-03-01T08:00:00Z")
                .put("until", "2026-03-01T11:00:00Z")
                .put("buckets", new JsonArray(List.of(
                        bucket("2026-03-01T08:00:00Z", 2, new JsonObject()
                                .put("TOKEN_EXPIRED", 1L)),
                        bucket("2026-03-01T09:00:00Z", 0, new JsonObject()),
                        bucket("2026-03-01T10:00:00Z", 1, new JsonObject()
                                .put("TOKEN_EXPIRED", 3L).put("TOKEN_JTI_REPLAYED", 1L)))))
                .put("totals", new JsonObject().put("issuances", 3L).put("refusals",
                        new JsonObject().put("TOKEN_EXPIRED", 4L).put("TOKEN_JTI_REPLAYED", 1L))),
                json);
        assertEquals(List.of("TOKEN_EXPIRED", "TOKEN_JTI_REPLAYED"), List.copyOf(json
                .getJsonObject("totals").getJsonObject("refusals").fieldNames()), "sorted");
    }

    private static JsonObject bucket(String start, long issuances, JsonObject refusals) {
        return new JsonObject().put("start", start).put("issuances", issuances)
                .put("refusals", refusals);
    }

    @Test
    void hours_absent_isADay() {
        assertEquals(24, ActivityHandler.hours(MultiMap.caseInsensitiveMultiMap()));
        assertEquals(168, ActivityHandler.hours(MultiMap.caseInsensitiveMultiMap()
                .add("hours", "168")));
    }

    @Test
    void hours_badValues_areMalformedProblems() {
        for (String bad : List.of("0", "-1", "169", "1.5", "abc", "24h", "99999999999")) {
            HttpProblem problem = assertThrows(HttpProblem.class, () -> ActivityHandler.hours(
                    MultiMap.caseInsensitiveMultiMap().add("hours", bad)), bad);
            assertEquals(400, problem.status(), bad);
            assertEquals("malformed", problem.type(), bad);
        }
    }
}
