package org.stica.server.admin;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;
import static org.stica.server.admin.AdminRole.ADMIN;
import static org.stica.server.admin.AdminRole.AUDITOR;
import static org.stica.server.admin.AdminRole.OPERATOR;

import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that says which role each admin route needs (issue 6). A route missing from the
 * table needs {@code admin} (fail closed), so a route added elsewhere is never left open to a
 * weaker key. Sensitive routes need a second admin's approval when dual control is on.
 */
public final class AdminRouteTable {
    private static final String V1 = "/admin/v1";

    /** Every admin route and its least role. */
    public static final List<AdminRoute> ROUTES = List.of(
            new AdminRoute(GET, V1 + "/openapi.json", AUDITOR, false),
            new AdminRoute(GET, V1 + "/health", AUDITOR, false),
            new AdminRoute(GET, V1 + "/configuration", AUDITOR, false),
            new AdminRoute(GET, V1 + "/audit-events", AUDITOR, false),
            new AdminRoute(GET, V1 + "/audit-events/verify", AUDITOR, false),
            new AdminRoute(GET, V1 + "/certificates", AUDITOR, false),
            new AdminRoute(GET, V1 + "/certificates/:serial", AUDITOR, false),
            new AdminRoute(POST, V1 + "/certificates/:serial/revoke", OPERATOR, false),
            new AdminRoute(GET, V1 + "/stats/activity", AUDITOR, false),
            new AdminRoute(GET, V1 + "/crls", AUDITOR, false),
            new AdminRoute(POST, V1 + "/crls/publish", OPERATOR, false),
            new AdminRoute(GET, V1 + "/ca/keys", AUDITOR, false),
            new AdminRoute(POST, V1 + "/ca/keys/:alias/revoke", ADMIN, true),
            new AdminRoute(POST, V1 + "/ca/intermediates/rollover", ADMIN, true),
            new AdminRoute(POST, V1 + "/ceremonies", ADMIN, false),
            new AdminRoute(GET, V1 + "/acme/accounts", AUDITOR, false),
            new AdminRoute(GET, V1 + "/acme/accounts/:id", AUDITOR, false),
            new AdminRoute(POST, V1 + "/acme/accounts/:id/deactivate", OPERATOR, false),
            new AdminRoute(GET, V1 + "/service-providers", AUDITOR, false),
            new AdminRoute(POST, V1 + "/service-providers", OPERATOR, false),
            new AdminRoute(GET, V1 + "/service-providers/:spc", AUDITOR, false),
            new AdminRoute(PATCH, V1 + "/service-providers/:spc", OPERATOR, false),
            new AdminRoute(POST, V1 + "/service-providers/:spc/eab-keys", OPERATOR, false),
            new AdminRoute(POST, V1 + "/subscribers/:id/eab-keys", OPERATOR, false),
            new AdminRoute(POST, V1 + "/service-providers/:spc/revoke", OPERATOR, true),
            new AdminRoute(PUT, V1 + "/service-providers/:spc/login", OPERATOR, false),
            new AdminRoute(GET, V1 + "/service-providers/:spc/login", AUDITOR, false),
            new AdminRoute(DELETE, V1 + "/service-providers/:spc/login", OPERATOR, false),
            new AdminRoute(GET, V1 + "/service-providers/:spc/access-tokens", AUDITOR, false),
            new AdminRoute(POST, V1 + "/service-providers/:spc/access-tokens/revoke", OPERATOR,
                    false),
            new AdminRoute(DELETE, V1 + "/service-providers/:spc/access-tokens/:id", OPERATOR,
                    false),
            new AdminRoute(GET, V1 + "/subscribers", AUDITOR, false),
            new AdminRoute(POST, V1 + "/subscribers", OPERATOR, false),
            new AdminRoute(GET, V1 + "/subscribers/:id", AUDITOR, false),
            new AdminRoute(PATCH, V1 + "/subscribers/:id", OPERATOR, false),
            new AdminRoute(POST, V1 + "/subscribers/:id/suspend", OPERATOR, false),
            new AdminRoute(POST, V1 + "/subscribers/:id/reactivate", OPERATOR, false),
            new AdminRoute(POST, V1 + "/subscribers/:id/terminate", OPERATOR, true),
            new AdminRoute(GET, V1 + "/subscribers/:id/rcd-sets", AUDITOR, false),
            new AdminRoute(POST, V1 + "/subscribers/:id/rcd-sets", OPERATOR, false),
            new AdminRoute(GET, V1 + "/subscribers/:id/rcd-sets/:setId", AUDITOR, false),
            // Dual control is built into vetting: the recorder's key may not approve.
            new AdminRoute(POST, V1 + "/subscribers/:id/rcd-sets/:setId/approve", OPERATOR,
                    false),
            new AdminRoute(POST, V1 + "/subscribers/:id/rcd-sets/:setId/reject", OPERATOR,
                    false),
            new AdminRoute(POST, V1 + "/subscribers/:id/rcd-sets/:setId/withdraw", OPERATOR,
                    false),
            new AdminRoute(POST, V1 + "/pa/ca-list", ADMIN, false),
            new AdminRoute(GET, V1 + "/pa/signers", AUDITOR, false),
            new AdminRoute(POST, V1 + "/pa/signers/:serial/revoke", ADMIN, true),
            new AdminRoute(GET, V1 + "/sti-pa/trust-anchors", AUDITOR, false),
            new AdminRoute(POST, V1 + "/sti-pa/trust-anchors", OPERATOR, false),
            new AdminRoute(DELETE, V1 + "/sti-pa/trust-anchors/:id", OPERATOR, true),
            new AdminRoute(GET, V1 + "/sti-pa/status", AUDITOR, false),
            new AdminRoute(POST, V1 + "/sti-pa/crl/refresh", OPERATOR, false),
            new AdminRoute(POST, V1 + "/sti-pa/ca-list/refresh", OPERATOR, false),
            new AdminRoute(GET, V1 + "/sti-pa/revocation-reports", AUDITOR, false),
            new AdminRoute(POST, V1 + "/sti-pa/revocation-reports/exports", OPERATOR, false),
            new AdminRoute(GET, V1 + "/sti-pa/revocation-reports/exports", AUDITOR, false),
            new AdminRoute(GET, V1 + "/sti-pa/revocation-reports/exports/:id", AUDITOR, false),
            new AdminRoute(POST, V1 + "/sti-pa/revocation-reports/exports/:id/submitted",
                    OPERATOR, false),
            new AdminRoute(GET, V1 + "/x5u-allow-list", AUDITOR, false),
            new AdminRoute(POST, V1 + "/x5u-allow-list", OPERATOR, false),
            new AdminRoute(DELETE, V1 + "/x5u-allow-list/:id", OPERATOR, false),
            new AdminRoute(PUT, V1 + "/subscribers/:id/webhook", OPERATOR, false),
            new AdminRoute(DELETE, V1 + "/subscribers/:id/webhook", OPERATOR, false),
            new AdminRoute(GET, V1 + "/subscribers/:id/webhook", AUDITOR, false),
            new AdminRoute(GET, V1 + "/subscribers/:id/webhook/deliveries", AUDITOR, false),
            new AdminRoute(POST, V1 + "/webhook-deliveries/:deliveryId/redeliver", OPERATOR,
                    false),
            new AdminRoute(GET, V1 + "/api-keys", ADMIN, false),
            new AdminRoute(POST, V1 + "/api-keys", ADMIN, false),
            new AdminRoute(DELETE, V1 + "/api-keys/:id", ADMIN, false),
            new AdminRoute(GET, V1 + "/approvals", ADMIN, false),
            new AdminRoute(POST, V1 + "/approvals/:id/approve", ADMIN, false));

    /** GET paths whose every read is audited ({@code admin.read}): configuration, audit export. */
    public static final Set<String> AUDITED_READS = Set.of(V1 + "/configuration",
            V1 + "/audit-events");

    private AdminRouteTable() {
    }

    /** The route a request targets, if listed. */
    public static Optional<AdminRoute> find(HttpMethod method, String path) {
        return ROUTES.stream().filter(r -> r.matches(method, path)).findFirst();
    }

    /** The least role a request needs: its route's, or {@code admin} when unlisted. */
    public static AdminRole requiredRole(HttpMethod method, String path) {
        return find(method, path).map(AdminRoute::role).orElse(ADMIN);
    }
}
