package org.stica.server.admin;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.regex.Pattern;
import org.stica.server.ca.CaKeyRevocationService;
import org.stica.server.http.HttpProblem;

/**
 * {@code POST /admin/v1/ca/keys/{alias}/revoke} with {@code {"reason":"keyCompromise"}}: revokes
 * an intermediate or the CRL signer certificate (issue 5). The reason is required (RFC 5280 §5.3.1
 * names: unspecified, keyCompromise, cACompromise, affiliationChanged, superseded,
 * cessationOfOperation, privilegeWithdrawn). The route is sensitive: with {@code admin.dualControl}
 * the {@link AdminAccessHandler} lets it run only with a second admin's approval. Answers 200 with
 * the recorded revocation once the root's ARL lists it; refusals are problem documents.
 */
public final class CaKeyRevocationHandler {
    private static final Pattern ALIAS = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");
    private static final Map<String, Integer> REASONS = Map.of("unspecified", 0,
            "keyCompromise", 1, "cACompromise", 2, "affiliationChanged", 3, "superseded", 4,
            "cessationOfOperation", 5, "privilegeWithdrawn", 9);

    private final CaKeyRevocationService service;

    public CaKeyRevocationHandler(CaKeyRevocationService service) {
        this.service = service;
    }

    public void handle(RoutingContext ctx) {
        String alias = ctx.pathParam("alias");
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            ctx.fail(new HttpProblem(400, "malformed", "alias must be a CA key alias such as"
                    + " intermediate-1"));
            return;
        }
        String reasonName;
        try {
            JsonObject body = ctx.body().length() == 0 ? new JsonObject()
                    : ctx.body().asJsonObject();
            reasonName = body.getString("reason");
        } catch (DecodeException | ClassCastException e) {
            ctx.fail(new HttpProblem(400, "malformed",
                    "body must be a JSON object like {\"reason\":\"keyCompromise\"}"));
            return;
        }
        Integer reason = reasonName == null ? null : REASONS.get(reasonName);
        if (reason == null) {
            ctx.fail(new HttpProblem(400, "badRevocationReason", "a reason is required: one of "
                    + "unspecified, keyCompromise, cACompromise, affiliationChanged, superseded,"
                    + " cessationOfOperation, privilegeWithdrawn (RFC 5280 §5.3.1)"));
            return;
        }
        String actor = AdminPrincipal.of(ctx).map(AdminPrincipal::actor).orElse("admin");
        service.revoke(alias, reason, actor)
                .onSuccess(revocation -> JsonReply.send(ctx, 200, new JsonObject()
                        .put("alias", revocation.alias()).put("serial", revocation.serialHex())
                        .put("status", "revoked").put("reason", reasonName)
                        .put("revokedAt", revocation.revokedAt().toString())
                        .put("revokedBy", revocation.revokedBy())))
                .onFailure(ctx::fail);
    }
}
