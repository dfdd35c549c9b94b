package org.stica.server.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.acme.port.TokenValidationRequest;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.tnauth.TnAuthList;
import org.stica.policy.tnauth.TnAuthListCodec;
import org.stica.policy.token.PaTrustAnchors;
import org.stica.policy.token.SpcTokenVerifier;
import org.stica.policy.token.TokenVerdict;
import org.stica.policy.token.X5uPolicy;
import org.stica.server.ca.CaInitializer;
import org.stica.server.config.StiCaConfig;
import org.stica.server.schema.SchemaMigrator;
import org.stica.server.store.pg.PgPools;
import org.stica.server.store.pg.PgTokenReplayGuard;
import org.stica.testing.TestDatabase;

class TokenValidationServiceTest {
    private static TestDatabase db;
    private static Vertx vertx;
    private static Pool pool;
    private static HttpServer paServer;
    private static TestStiPa pa;
    private static X5uFetcher fetcher;
    private static String origin;

    @BeforeAll
    static void setUp() throws Exception {
        db = TestDatabase.create();
        StiCaConfig config = StiCaConfig.load(Optional.empty(), Map.of("STICA_DB_URL", db.url()));
        SchemaMigrator.migrate(config.database());
        vertx = Vertx.vertx();
        pool = PgPools.create(vertx, config.database());
        pa = new TestStiPa();
        String chain = CaInitializer.toPem(List.of(pa.signer));
        paServer = vertx.createHttpServer()
                .requestHandler(request -> request.response().end(chain))
                .listen(0, "127.0.0.1").await();
        origin = "http://127.0.0.1:" + paServer.actualPort();
        fetcher = new X5uFetcher(vertx, 65536, Duration.ofSeconds(2), Clock.systemUTC());
    }

    @AfterAll
    static void tearDown() {
        fetcher.close();
        paServer.close().await();
        pool.close().await();
        vertx.close().await();
        db.close();
    }

    @Test
    void validate_tokenFromTrustedPa_isAccepted() throws Exception {
        PublicKey account = TestStiPa.p256().getPublic();
        String token = pa.token(URI.create(origin + "/certs/signer.pem"), "jti-ok", "1234",
                account);

        TokenVerdict verdict = service(List.of(pa.root), origin + "/certs/")
                .validate(request(token, "1234", account, "acct-1")).await();

        assertEquals("jti-ok", verdict.jti());
    }

    @Test
    void validate_sameTokenFromAnotherAccount_isReplay() throws Exception {
        // RFC 9447 §3.3: a jti used by one account is refused for another.
        PublicKey account = TestStiPa.p256().getPublic();
        String token = pa.token(URI.create(origin + "/certs/signer.pem"), "jti-replay", "1234",
                account);
        TokenValidationService service = service(List.of(pa.root), origin + "/certs/");
        service.validate(request(token, "1234", account, "acct-1")).await();

        PolicyException e = assertThrows(PolicyException.class, () -> service.validate(
                request(token, "1234", account, "acct-2")).await());

        assertEquals(Violation.TOKEN_JTI_REPLAYED, e.violation());
    }

    @Test
    void validate_noTrustAnchors_failsClosed() throws Exception {
        // RFC 9448 §6 step 2: the signer must chain to a trusted STI-PA root; none configured
        // means nothing is trusted.
        PublicKey account = TestStiPa.p256().getPublic();
        String token = pa.token(URI.create(origin + "/certs/signer.pem"), "jti-none", "1234",
                account);

        PolicyException e = assertThrows(PolicyException.class, () -> service(List.of(),
                origin + "/certs/").validate(request(token, "1234", account, "acct-1")).await());

        assertEquals(Violation.TOKEN_SIGNER_UNTRUSTED, e.violation());
        assertEquals("no STI-PA trust anchors configured", e.detail());
    }

    @Test
    void validate_x5uOutsideAllowList_isRefusedBeforeFetching() throws Exception {
        // STANDARDS.md §3.5.3: x5u must match a configured prefix.
        PublicKey account = TestStiPa.p256().getPublic();
        String token = pa.token(URI.create(origin + "/other/signer.pem"), "jti-prefix", "1234",
                account);

        PolicyException e = assertThrows(PolicyException.class, () -> service(List.of(pa.root),
                origin + "/certs/").validate(request(token, "1234", account, "acct-1")).await());

        assertEquals(Violation.TOKEN_X5U_NOT_ALLOWED, e.violation());
    }

    @Test
    void validate_tokenForAnotherSpc_isMismatch() throws Exception {
        // RFC 9448 §6 step 6: tkvalue must equal the identifier (DER).
        PublicKey account = TestStiPa.p256().getPublic();
        String token = pa.token(URI.create(origin + "/certs/signer.pem"), "jti-spc", "9999",
                account);

        PolicyException e = assertThrows(PolicyException.class, () -> service(List.of(pa.root),
                origin + "/certs/").validate(request(token, "1234", account, "acct-1")).await());

        assertEquals(Violation.TOKEN_TKVALUE_MISMATCH, e.violation());
    }

    private static TokenValidationService service(List<java.security.cert.X509Certificate> roots,
                                                  String prefix) {
        PaTrustAnchors anchors = new PaTrustAnchors(roots);
        return new TokenValidationService(new X5uPolicy(List.of(prefix)), fetcher,
                new SpcTokenVerifier(() -> anchors, Clock.systemUTC(), Duration.ofSeconds(60)),
                new PgTokenReplayGuard(pool), () -> anchors);
    }

    private static TokenValidationRequest request(String token, String spc, PublicKey account,
                                                  String accountId) {
        return new TokenValidationRequest(token, TnAuthListCodec.encode(TnAuthList.ofSpc(spc)),
                account, accountId, false);
    }
}
