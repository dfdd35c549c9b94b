package org.stica.server.admin;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Map;

/**
 * Counts what the CA did per hour for the admin API's activity report (issue 17), read-only.
 * Maps are keyed by bucket start ({@link ActivityWindow#hourStarts()}); an hour with nothing
 * to count is absent.
 */
public interface ActivityStats {

    /** Certificates issued in each hour of {@code window} (revoked since included). */
    Future<Map<Instant, Long>> issuances(ActivityWindow window);

    /** SPC token refusals in each hour of {@code window}, by refusal reason. */
    Future<Map<Instant, Map<String, Long>>> refusals(ActivityWindow window);
}
