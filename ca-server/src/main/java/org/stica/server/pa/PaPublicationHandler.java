package org.stica.server.pa;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.stica.server.ca.CaInitializer;
import org.stica.server.http.HttpProblem;
import org.stica.server.pa.login.LoginHandler;

/**
 * The STI-PA's public routes (STANDARDS.md §4.1-§4.4): {@code POST /api/v1/account/{ocn}/token}
 * (the token API), {@code POST /api/v1/account/{ocn}/jcc-token} (JWTClaimConstraints tokens for
 * approved RCD sets, issue 19), {@code GET /pa/signer.pem} (the token signer certificate named
 * by x5u, {@code application/pem-certificate-chain}, cacheable for a day),
 * {@code GET /pa/root.pem},
 * {@code GET /pa/crl} (the PA CRL, DER {@code application/pkix-crl}), {@code GET
 * /pa/crl-signer.pem} (the PA CRL signer, the CRL's AIA caIssuers) and {@code GET /pa/ca-list}
 * ({@code {"status":"success","caList":"<jws>"}}); and iconectiv's paths
 * (STANDARDS.md §4.1 item 2, §4.2 item 5, §4.3 item 1): {@code POST /api/v1/auth/login},
 * {@code GET /api/v1/ca-list} (the same envelope, an access token required) and
 * {@code GET /download/v1/crl} (the PA CRL in PEM, as iconectiv serves it). Refusals on
 * iconectiv's paths are its {@code {"status":"error","message"}} ({@link IconectivErrors}).
 */
public final class PaPublicationHandler {
    /** Path of the token signer certificate (the tokens' x5u). */
    public static final String SIGNER_PATH = "/pa/signer.pem";
    /** Path of the PA CRL. */
    public static final String CRL_PATH = "/pa/crl";
    /** Path of the PA CRL signer certificate (the CRL's AIA caIssuers). */
    public static final String CRL_SIGNER_PATH = "/pa/crl-signer.pem";
    /** Path of the PA root certificate. */
    public static final String ROOT_PATH = "/pa/root.pem";
    /** Path of the signed CA list (the approved STI-CA trust anchors). */
    public static final String CA_LIST_PATH = "/pa/ca-list";
    /** Path of the PA CRL in PEM, where iconectiv serves its CRL (STANDARDS.md §1.1 item 8). */
    public static final String CRL_PEM_PATH = "/download/v1/crl";
    /**
     * What relying parties fetch over plain HTTP too: the PA CRL, its signer, the PA root and
     * the signed CA list (each protected by its own signature). The token API and the token
     * signer (the tokens' x5u) stay HTTPS only.
     */
    public static final List<String> PLAIN_HTTP_PATHS = List.of(CRL_PATH, CRL_PEM_PATH,
            CRL_SIGNER_PATH, ROOT_PATH, CA_LIST_PATH);
    private static final long MAX_BODY_BYTES = 16 * 1024;

    private final PaKeys keys;
    private final Supplier<byte[]> crl;
    private final CaListPublisher caLists;
    private final TokenApiHandler tokenApi;
    private final TokenApiHandler claimTokenApi;
    private final LoginHandler login;

    /** @param claimTokenApi the JWTClaimConstraints token API ({@link ClaimTokenScope}) */
    public PaPublicationHandler(PaKeys keys, Supplier<byte[]> crl, CaListPublisher caLists,
                                TokenApiHandler tokenApi, TokenApiHandler claimTokenApi,
                                LoginHandler login) {
        this.keys = keys;
        this.crl = crl;
        this.caLists = caLists;
        this.tokenApi = tokenApi;
        this.claimTokenApi = claimTokenApi;
        this.login = login;
    }

    public void mount(Router router) {
        router.post("/api/v1/account/:ocn/token")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(tokenApi::handle)
                .failureHandler(IconectivErrors::handleForAccessTokens);
        router.post("/api/v1/account/:ocn/jcc-token")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(claimTokenApi::handle)
                .failureHandler(IconectivErrors::handleForAccessTokens);
        router.post("/api/v1/auth/login")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(login::login)
                .failureHandler(IconectivErrors::handle);
        router.get("/api/v1/ca-list").handler(login::requireAccessToken).handler(this::caList)
                .failureHandler(IconectivErrors::handle);
        router.get(CRL_PEM_PATH).handler(this::crlPem);
        String signerPem = CaInitializer.toPem(List.of(keys.signer()));
        String rootPem = CaInitializer.toPem(List.of(keys.root()));
        router.get(SIGNER_PATH).handler(ctx -> pem(ctx, signerPem));
        router.get(ROOT_PATH).handler(ctx -> pem(ctx, rootPem));
        String crlSignerPem = CaInitializer.toPem(List.of(keys.crlSigner()));
        router.get(CRL_SIGNER_PATH).handler(ctx -> pem(ctx, crlSignerPem));
        router.get(CRL_PATH).handler(this::crl);
        router.get(CA_LIST_PATH).handler(this::caList);
    }

    private static void pem(RoutingContext ctx, String pem) {
        ctx.response().putHeader("Content-Type", "application/pem-certificate-chain")
                .putHeader("Cache-Control", "public, max-age=86400").end(pem);
    }

    private void crl(RoutingContext ctx) {
        sendCrl(ctx, "application/pkix-crl", Buffer::buffer);
    }

    private void crlPem(RoutingContext ctx) {
        sendCrl(ctx, "application/x-pem-file", der -> Buffer.buffer(pemText(der)));
    }

    private void sendCrl(RoutingContext ctx, String contentType, Function<byte[], Buffer> body) {
        byte[] der = crl.get();
        if (der == null) {
            ctx.fail(new HttpProblem(503, "crlUnavailable", "the PA CRL is not built yet"));
            return;
        }
        ctx.response().putHeader("Content-Type", contentType)
                .putHeader("Cache-Control", "public, max-age=3600").end(body.apply(der));
    }

    private static String pemText(byte[] crlDer) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject("X509 CRL", crlDer));
        } catch (IOException e) {
            throw new IllegalStateException("cannot PEM-encode the PA CRL", e);
        }
        return out.toString();
    }

    private void caList(RoutingContext ctx) {
        caLists.latest().onSuccess(latest -> {
            if (latest.isEmpty()) {
                ctx.fail(new HttpProblem(404, "notFound", "no CA list has been published"));
                return;
            }
            ctx.response().putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "public, max-age=300")
                    .end(new JsonObject().put("status", "success").put("caList", latest.get())
                            .encode());
        }).onFailure(ctx::fail);
    }
}
