package org.stica.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.stica.server.demo.TnAuthCsr;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.StiCaHarness;
import org.stica.tests.support.TestStiPa;

/**
 * Issue 18: on the real server the statement that claims the SPC token's jti also records the
 * challenge valid (with its authorization, and the order ready), and the CA's statement that
 * records a certificate also records its ACME order valid with the certificate resource, so an
 * enrollment sends neither outcome as a statement of its own and each outcome commits with the
 * durable record it follows from. Counted by pg_stat_statements in the harness's database, as
 * differences around one acme4j enrollment.
 */
class IssuanceStatementsIT {
    /** The CA's certificate record carrying the order's outcome ({@code IssuedOrderSql}). */
    private static final String WITH_ORDER = "%acme_copy AS (INSERT INTO acme_certificate%";
    /** Any statement that stores an order's certificate resource. */
    private static final String ANY_ORDER_RECORD = "%INSERT INTO acme_certificate%";
    /** The jti claim carrying the challenge's outcome ({@code ValidChallengeSql}). */
    private static final String CLAIM_WITH_OUTCOME =
            "%acme_challenge_valid AS (UPDATE acme_challenge%";
    /** The ACME store's own valid or invalid challenge outcome. */
    private static final String OWN_CHALLENGE_OUTCOME = "%WITH c AS (UPDATE acme_challenge%";
    private static StiCaHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = StiCaHarness.start(Map.of());
        h.db.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    void enrollment_outcomesRideInTheJtiClaimAndTheCertificatesRecord() throws Exception {
        Carrier carrier = Carrier.register(h.directoryUrl());
        byte[] der = Carrier.spcDer("1234");
        long withOrderBefore = calls(WITH_ORDER);
        long anyBefore = calls(ANY_ORDER_RECORD);
        long claimBefore = calls(CLAIM_WITH_OUTCOME);
        long ownChallengeBefore = calls(OWN_CHALLENGE_OUTCOME);

        Order order = carrier.order(Carrier.base64Url(der));
        carrier.answer(order, "atc",
                h.pa.mint(TestStiPa.claims(Carrier.base64Padded(der), carrier.spkiFingerprint())));
        assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(15)));
        KeyPair certKey = TestStiPa.ecKey();
        order.execute(TnAuthCsr.build(certKey, der));
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(30)));
        assertEquals(certKey.getPublic(),
                order.getCertificate().getCertificateChain().get(0).getPublicKey());

        // the jti claim recorded the challenge valid; the ACME store sent no outcome of its own
        assertEquals(1, calls(CLAIM_WITH_OUTCOME) - claimBefore);
        assertEquals(0, calls(OWN_CHALLENGE_OUTCOME) - ownChallengeBefore);
        // one statement stored the certificate resource, and it was the CA's own record
        assertEquals(1, calls(WITH_ORDER) - withOrderBefore);
        assertEquals(1, calls(ANY_ORDER_RECORD) - anyBefore);
        String serial = order.getCertificate().getCertificate().getSerialNumber().toString(16);
        assertEquals(1, h.count("FROM acme_order o JOIN acme_certificate c"
                + " ON c.id = o.certificate_id WHERE o.status = 'valid'"
                + " AND c.serial_hex = '" + serial + "'"));
        assertEquals(1, h.count("FROM certificate WHERE status = 'issued' AND serial = '"
                + serial + "'"));
    }

    /** Calls of the statements whose text is LIKE {@code pattern}, in the harness database. */
    private static long calls(String pattern) throws Exception {
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("SELECT coalesce(sum(calls), 0)"
                     + " FROM pg_stat_statements WHERE query LIKE ? AND dbid ="
                     + " (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            s.setString(1, pattern);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Connection connection() throws Exception {
        return DriverManager.getConnection(h.db.jdbcUrl(), h.db.user(), h.db.password());
    }
}
