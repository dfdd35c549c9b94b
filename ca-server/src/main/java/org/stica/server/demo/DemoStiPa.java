package org.stica.server.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.policy.PolicyException;
import org.stica.policy.tnauth.TnAuthListCodec;

/**
 * A demo STI-PA for a self-contained demo system (not for production: its keys are PEM files in
 * the data directory). It publishes its token-signing certificate (the x5u) and answers SPC token
 * requests in the iconectiv shape (STANDARDS.md §4.1): {@code POST /api/v1/account/{spc}/token}
 * with {@code {"atc":{"tktype","tkvalue","ca","fingerprint"}}} returns
 * {@code {"status":"success","message":...,"token":...}}. No credentials: demo only.
 */
public final class DemoStiPa {
    private static final Logger LOG = LoggerFactory.getLogger(DemoStiPa.class);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final DemoPaKeys keys;
    private final String baseUrl;
    private final Clock clock;

    public DemoStiPa(DemoPaKeys keys, String baseUrl, Clock clock) {
        this.keys = keys;
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    /** The x5u of every token this PA signs. */
    public URI x5u() {
        return URI.create(baseUrl + "/demo-pa/signer.pem");
    }

    /** The prefix the STI-CA must allow for x5u fetching. */
    public String x5uPrefix() {
        return baseUrl + "/demo-pa/";
    }

    /** Starts the PA's HTTP server on {@code port} (loopback). */
    public Future<HttpServer> listen(Vertx vertx, String host, int port) {
        Router router = Router.router(vertx);
        router.get("/demo-pa/signer.pem").handler(ctx -> pem(ctx, keys.signer()));
        router.get("/demo-pa/root.pem").handler(ctx -> pem(ctx, keys.root()));
        router.post("/api/v1/account/:spc/token").handler(BodyHandler.create().setBodyLimit(16 * 1024))
                .handler(this::token);
        return vertx.createHttpServer().requestHandler(router).listen(port, host);
    }

    private static void pem(RoutingContext ctx, X509Certificate cert) {
        ctx.response().putHeader("Content-Type", "application/x-pem-file")
                .putHeader("Cache-Control", "public, max-age=3600")
                .end(DemoPaKeys.pem(cert));
    }

    private void token(RoutingContext ctx) {
        String spc = ctx.pathParam("spc");
        JsonObject atc = Optional.ofNullable(ctx.body().asJsonObject()).map(b -> b.getJsonObject("atc"))
                .orElse(null);
        if (atc == null) {
            refuse(ctx, 400, "body must be {\"atc\":{\"tktype\",\"tkvalue\",\"ca\",\"fingerprint\"}}");
            return;
        }
        String tkvalue = atc.getString("tkvalue");
        String fingerprint = atc.getString("fingerprint");
        if (!"TNAuthList".equals(atc.getString("tktype")) || tkvalue == null || fingerprint == null) {
            refuse(ctx, 400, "atc needs tktype \"TNAuthList\", tkvalue and fingerprint");
            return;
        }
        try {
            var list = TnAuthListCodec.decode(TnAuthListCodec.derFromText(tkvalue));
            if (!list.singleSpc().map(spc::equals).orElse(false)) {
                refuse(ctx, 403, "tkvalue must hold exactly the SPC " + spc);
                return;
            }
            String token = sign(tkvalue, fingerprint, atc.getBoolean("ca", false));
            LOG.info("demo STI-PA issued an SPC token for SPC {}", spc);
            ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                    .put("status", "success")
                    .put("message", "SPC token for spc: " + spc + " is created successfully")
                    .put("token", token).encode());
        } catch (PolicyException e) {
            refuse(ctx, 400, e.detail());
        } catch (JOSEException e) {
            LOG.error("demo STI-PA could not sign a token", e);
            refuse(ctx, 500, "token signing failed");
        }
    }

    /** Signs an SPC token (RFC 9448 §5.4 shape, iconectiv header) with the demo PA key. */
    public String sign(String tkvalue, String fingerprint, boolean ca) throws JOSEException {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .x509CertURL(x5u()).build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .expirationTime(Date.from(clock.instant().plus(TOKEN_LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .claim("atc", Map.of("tktype", "TNAuthList", "tkvalue", tkvalue, "ca", ca,
                        "fingerprint", fingerprint))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new ECDSASigner((ECPrivateKey) keys.signerKey().getPrivate()));
        return jwt.serialize();
    }

    private static void refuse(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", "failure").put("message", message).encode());
    }

    /** Loads the demo PA keys from {@code dir}, creating them the first time. */
    public static DemoPaKeys keys(Path dir, Clock clock) throws IOException {
        return DemoPaKeys.loadOrCreate(dir, clock);
    }

    KeyPair signerKey() {
        return keys.signerKey();
    }
}
