package org.stica.server.pa;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.stica.policy.PolicyException;
import org.stica.policy.token.TokenType;
import org.stica.policy.tnauth.TnAuthList;
import org.stica.policy.tnauth.TnAuthListCodec;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;

/**
 * {@code POST /api/v1/account/{ocn}/token} (STANDARDS.md §4.1 items 3-5; RFC 9447 §5.1): the
 * iconectiv request shape {@code {"atc":{tktype,tkvalue,ca,fingerprint}}} (or the flat RFC 9448
 * §5.5 form) with an access token from {@code POST /api/v1/auth/login} or the SP's API key in
 * {@code Authorization} (raw, or after {@code Bearer}; {@link TokenApiCredentials}). Answers
 * {@code {"status":"success","message","token","crl"}}, where {@code crl} is the CRL URL this
 * ecosystem's certificates name in their CRLDP. Bad credentials, a revoked SP, a TNAuthList
 * other than the SP's SPC, {@code ca:true} for an SP not allowed SCA certificates, or a
 * fingerprint outside the SP's registered accounts answer 403 (RFC 9447 §5.1); malformed
 * requests 400. Refusals are iconectiv's {@code {"status":"error","message"}} for an access
 * token ({@link IconectivErrors}), RFC 9457 documents for an API key.
 *
 * <p>The same handler, built with another {@link TokenType} and {@link Scope}, serves
 * {@code POST /api/v1/account/{ocn}/jcc-token}: JWTClaimConstraints tokens for the approved RCD
 * sets of the SP's subscriber ({@link ClaimTokenScope}; issue 19, RCD.md §6), under the same
 * credentials, fingerprint rule, PA signer and audit ({@code pa.claim-token-issued},
 * {@code pa.claim-token-refused}).
 */
public final class TokenApiHandler {
    /**
     * Whether an SP may have a token for {@code tkvalue} with {@code atc.ca}: succeeds, or fails
     * with an {@link HttpProblem} (400 for a malformed value, 403 for one outside its scope).
     */
    @FunctionalInterface
    public interface Scope {
        Future<Void> check(ServiceProvider sp, String tkvalue, boolean ca);
    }

    private static final Pattern FINGERPRINT =
            Pattern.compile("^SHA256 ([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$");

    private final TokenApiCredentials credentials;
    private final SpcTokenIssuer issuer;
    private final String crlUrl;
    private final AuditLog audit;
    private final PaSignerService signers;
    private final TokenType type;
    private final Scope scope;

    /**
     * The SPC token API. {@code crlUrl}: the CRLDP URL of this ecosystem's certificates (the
     * response's crl).
     */
    public TokenApiHandler(TokenApiCredentials credentials, SpcTokenIssuer issuer, URI crlUrl,
                           AuditLog audit, PaSignerService signers) {
        this(credentials, issuer, crlUrl, audit, signers, TokenType.TN_AUTH_LIST,
                TokenApiHandler::spcScope);
    }

    /** The token API for tokens of {@code type}, issued within {@code scope}. */
    public TokenApiHandler(TokenApiCredentials credentials, SpcTokenIssuer issuer, URI crlUrl,
                           AuditLog audit, PaSignerService signers, TokenType type,
                           Scope scope) {
        this.type = type;
        this.scope = scope;
        this.signers = signers;
        this.credentials = credentials;
        this.issuer = issuer;
        this.crlUrl = crlUrl.toString();
        this.audit = audit;
    }

    /** The {@code atc} members of a request. */
    private record Atc(String tkvalue, boolean ca, String fingerprint) {
    }

    public void handle(RoutingContext ctx) {
        String ocn = ctx.pathParam("ocn");
        Atc atc;
        try {
            atc = atc(ctx);
        } catch (HttpProblem e) {
            ctx.fail(e);
            return;
        }
        credentials.authenticate(ocn, ctx)
                .compose(sp -> authorize(sp, atc))
                .compose(sp -> signers.requireActiveSigner().map(sp))
                .compose(sp -> issuer.issue(type, atc.tkvalue(), atc.ca(), atc.fingerprint())
                        .compose(token -> audit.record(new AuditEvent(auditType("issued"),
                                sp.spc(), token.jti(), new JsonObject().put("ca", atc.ca())
                                .put("expires", token.expires().toString()))).map(token)))
                .onSuccess(token -> ctx.response().putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-store")
                        .end(new JsonObject().put("status", "success")
                                .put("message", (type == TokenType.TN_AUTH_LIST ? "SPC"
                                        : type.wire()) + " token for spc: " + ocn
                                        + " is created successfully")
                                .put("token", token.compact()).put("crl", crlUrl).encode()))
                .onFailure(e -> refused(ctx, ocn, e));
    }

    /** {@code pa.token-<outcome>}, or {@code pa.claim-token-<outcome>} for claim tokens. */
    private String auditType(String outcome) {
        return (type == TokenType.TN_AUTH_LIST ? "pa.token-" : "pa.claim-token-") + outcome;
    }

    private void refused(RoutingContext ctx, String ocn, Throwable e) {
        String reason = e instanceof HttpProblem problem ? problem.detail() : "internal error";
        audit.record(new AuditEvent(auditType("refused"), ocn, ocn,
                new JsonObject().put("reason", reason))).onComplete(done -> ctx.fail(e));
    }

    private Future<ServiceProvider> authorize(ServiceProvider sp, Atc atc) {
        if (!sp.accountFingerprints().isEmpty() && sp.accountFingerprints().stream()
                .noneMatch(f -> f.equalsIgnoreCase(atc.fingerprint()))) {
            return Future.failedFuture(ServiceProviderService.forbidden(
                    "the fingerprint is not one of this service provider's ACME accounts"));
        }
        return scope.check(sp, atc.tkvalue(), atc.ca()).map(sp);
    }

    /** An SPC token's scope: exactly the SP's SPC, and ca:true only for an SCA-allowed SP. */
    private static Future<Void> spcScope(ServiceProvider sp, String tkvalue, boolean ca) {
        TnAuthList list;
        try {
            list = TnAuthListCodec.decode(TnAuthListCodec.derFromText(tkvalue));
        } catch (PolicyException e) {
            return Future.failedFuture(new HttpProblem(400, "malformed",
                    "atc.tkvalue is not a base64 DER TNAuthList: " + e.detail()));
        }
        if (!list.singleSpc().equals(Optional.of(sp.spc()))) {
            return Future.failedFuture(ServiceProviderService.forbidden(
                    "the TNAuthList must be exactly this service provider's SPC " + sp.spc()));
        }
        if (ca && !sp.scaAllowed()) {
            return Future.failedFuture(ServiceProviderService.forbidden(
                    "this service provider may not obtain ca:true tokens"));
        }
        return Future.succeededFuture();
    }

    private Atc atc(RoutingContext ctx) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw malformed("body must be a JSON object");
        }
        if (body == null) {
            throw malformed("body must be a JSON object with an atc member");
        }
        JsonObject atc;
        try {
            atc = body.containsKey("atc") ? body.getJsonObject("atc") : body;
        } catch (ClassCastException e) {
            throw malformed("atc must be a JSON object");
        }
        String tktype = text(atc, "tktype");
        if (!type.wire().equals(tktype)) {
            throw malformed("atc.tktype must be " + type.wire());
        }
        String fingerprint = text(atc, "fingerprint");
        if (!FINGERPRINT.matcher(fingerprint).matches()) {
            throw malformed("atc.fingerprint must be \"SHA256 \" and 32 colon-separated hex"
                    + " bytes");
        }
        Object ca = atc.getValue("ca");
        if (ca != null && !(ca instanceof Boolean)) {
            throw malformed("atc.ca must be a boolean");
        }
        return new Atc(text(atc, "tkvalue"), Boolean.TRUE.equals(ca),
                fingerprint.toUpperCase(Locale.ROOT));
    }

    private static String text(JsonObject atc, String name) {
        Object value = atc.getValue(name);
        if (!(value instanceof String text) || text.isEmpty()) {
            throw malformed("atc." + name + " is required (a string)");
        }
        return text;
    }

    static HttpProblem malformed(String detail) {
        return new HttpProblem(400, "malformed", detail);
    }
}
