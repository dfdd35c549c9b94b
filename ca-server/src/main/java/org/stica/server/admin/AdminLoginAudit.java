package org.stica.server.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;

/**
 * Records successful admin authentication as {@code admin.login} (issue 6: admin logins are
 * audited) at most once per key per {@code window} on this instance, so a console that polls the
 * API does not flood the audit chain. A window of zero records every authenticated request.
 */
final class AdminLoginAudit {
    private static final int MAX_TRACKED = 10_000;

    private final AuditLog audit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Instant> lastRecorded = new ConcurrentHashMap<>();

    AdminLoginAudit(AuditLog audit, Duration window, Clock clock) {
        this.audit = audit;
        this.window = window;
        this.clock = clock;
    }

    /** Records the login unless this key's last one on this instance is inside the window. */
    Future<Void> loggedIn(AdminPrincipal who, String via, String remote) {
        Instant now = clock.instant();
        String key = who.keyId() + "|" + via;
        Instant last = lastRecorded.get(key);
        if (last != null && now.isBefore(last.plus(window))) {
            return Future.succeededFuture();
        }
        if (lastRecorded.size() >= MAX_TRACKED) {
            lastRecorded.clear();
        }
        lastRecorded.put(key, now);
        return audit.record(new AuditEvent("admin.login", who.actor(), who.keyId(),
                new JsonObject().put("role", who.role().wireName()).put("via", via)
                        .put("remote", remote).put("window", window.toString())))
                .recover(failure -> {
                    lastRecorded.remove(key, now);
                    return Future.failedFuture(failure);
                });
    }
}
