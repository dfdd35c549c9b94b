package org.stica.server.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.token.X5uPolicy;

/** The CRL signer named by AIA is fetched only under the x5u rules (STANDARDS.md §4.2 item 3). */
class CrlSignerFetchTest {
    private static Vertx vertx;
    private static TrustFetch fetch;
    private static TrustPki pki;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        fetch = new TrustFetch(vertx, Duration.ofSeconds(2), 64 * 1024);
        pki = new TrustPki("Fetch Test STI-PA");
    }

    @AfterAll
    static void stop() {
        fetch.close();
        vertx.close();
    }

    @Test
    void signers_crlFromTrustedRoot_fetchesNothing() throws Exception {
        CrlSignerFetch signers = new CrlSignerFetch(fetch, new X5uPolicy(List.of()));

        assertEquals(List.of(), signers.signers(pki.crl(1, List.of()), List.of(pki.root))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
    }

    @Test
    void signers_aiaOffTheAllowList_failsClosedWithoutFetching() throws Exception {
        CrlSignerFetch signers = new CrlSignerFetch(fetch,
                new X5uPolicy(List.of("https://pa.example.test/")));
        X509CRL crl = signerCrl("https://attacker.example.test/signer.pem");

        var result = signers.signers(crl, List.of(pki.root)).toCompletionStage()
                .toCompletableFuture();
        Exception e = assertThrows(Exception.class, () -> result.get(5, TimeUnit.SECONDS));
        PolicyException refusal = (PolicyException) e.getCause();
        assertEquals(Violation.PA_CRL_INVALID, refusal.violation());
        assertTrue(refusal.detail().contains("attacker.example.test"), refusal.detail());
    }

    @Test
    void signers_noAia_failsClosed() throws Exception {
        CrlSignerFetch signers = new CrlSignerFetch(fetch, new X5uPolicy(List.of()));

        PolicyException e = assertThrows(PolicyException.class,
                () -> signers.signers(signerCrl(null), List.of(pki.root)));
        assertTrue(e.detail().contains("no AIA caIssuers URL"), e.detail());
    }

    /** A CRL issued by the (non-root) signer, with an AIA caIssuers URL when given. */
    private static X509CRL signerCrl(String aia) throws Exception {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(
                pki.signer.getSubjectX500Principal().getEncoded()), Date.from(Instant.now()));
        if (aia != null) {
            builder.addExtension(Extension.authorityInfoAccess, false,
                    new AuthorityInformationAccess(new AccessDescription(
                            AccessDescription.id_ad_caIssuers,
                            new GeneralName(GeneralName.uniformResourceIdentifier, aia))));
        }
        return new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder(
                "SHA256withECDSA").build(pki.signerKeys.getPrivate())));
    }
}
