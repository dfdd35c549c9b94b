package org.stica.server.admin;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.regex.Pattern;
import org.stica.server.http.HttpProblem;
import org.stica.server.issuance.RevocationReasons;
import org.stica.server.issuance.RevocationService;

/**
 * POST {@code /admin/v1/certificates/{serial}/revoke} with {@code {"reason":"keyCompromise"}}
 * (RFC 5280 §5.3.1 names: unspecified, keyCompromise, affiliationChanged, superseded,
 * cessationOfOperation, privilegeWithdrawn; absent means unspecified). Answers 200 with the new
 * state; refusals are problem documents.
 */
public final class RevokeHandler {
    private static final Pattern SERIAL = Pattern.compile("^[0-9a-fA-F]{1,40}$");

    private final RevocationService revocation;

    public RevokeHandler(RevocationService revocation) {
        this.revocation = revocation;
    }

    public void handle(RoutingContext ctx) {
        String serial = ctx.pathParam("serial");
        if (!SERIAL.matcher(serial).matches()) {
            ctx.fail(new HttpProblem(400, "malformed", "serial must be hexadecimal"));
            return;
        }
        String serialHex = serial.toLowerCase(Locale.ROOT);
        String reasonName;
        try {
            JsonObject body = ctx.body().length() == 0 ? new JsonObject()
                    : ctx.body().asJsonObject();
            reasonName = body.getString("reason", "unspecified");
        } catch (DecodeException | ClassCastException e) {
            ctx.fail(new HttpProblem(400, "malformed",
                    "body must be a JSON object like {\"reason\":\"keyCompromise\"}"));
            return;
        }
        Integer reason = RevocationReasons.byName(reasonName).orElse(null);
        if (reason == null) {
            ctx.fail(new HttpProblem(400, "badRevocationReason", "unknown or disallowed reason '"
                    + reasonName + "' (use unspecified, keyCompromise, affiliationChanged,"
                    + " superseded, cessationOfOperation or privilegeWithdrawn)"));
            return;
        }
        revocation.revokeBySerial(serialHex, reason, "admin")
                .onSuccess(done -> ctx.response()
                        .putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("serial", serialHex).put("status", "revoked")
                                .put("reason", reasonName).encode()))
                .onFailure(ctx::fail);
    }
}
