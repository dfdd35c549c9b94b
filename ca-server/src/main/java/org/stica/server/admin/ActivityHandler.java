package org.stica.server.admin;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.stica.server.http.HttpProblem;

/**
 * {@code GET /admin/v1/stats/activity?hours=24} (role {@code auditor}; issue 17): certificates
 * issued and SPC token refusals by reason, per hour over the last {@code hours} hours (1 to
 * {@link ActivityWindow#MAX_HOURS}, default {@link ActivityWindow#DEFAULT_HOURS}), as an
 * {@link ActivityReport}. What the console's dashboard draws. A bad {@code hours} is a 400
 * {@code malformed} problem.
 */
public final class ActivityHandler {
    private final ActivityStats stats;
    private final Clock clock;

    public ActivityHandler(ActivityStats stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    public void handle(RoutingContext ctx) {
        ActivityWindow window = ActivityWindow.endingAt(clock.instant(), hours(ctx.queryParams()));
        Future.all(stats.issuances(window), stats.refusals(window))
                .map(counts -> new ActivityReport(window, counts.resultAt(0), counts.resultAt(1)))
                .onSuccess(report -> JsonReply.send(ctx, 200, report.toJson()))
                .onFailure(ctx::fail);
    }

    /** The {@code hours} parameter, checked. */
    static int hours(MultiMap params) {
        int hours = QueryParameters.number(params, "hours", ActivityWindow.DEFAULT_HOURS);
        if (hours < 1 || hours > ActivityWindow.MAX_HOURS) {
            throw new HttpProblem(400, "malformed", "hours must be 1-" + ActivityWindow.MAX_HOURS);
        }
        return hours;
    }
}
