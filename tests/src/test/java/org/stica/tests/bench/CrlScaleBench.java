package org.stica.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.stica.crl.build.CrlContent;
import org.stica.crl.publish.StreamingCrlBuild;
import org.stica.hsm.KeyVault;
import org.stica.hsm.SignerPool;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.config.StiCaConfig;
import org.stica.server.issuance.CertificateRevocationSource;
import org.stica.server.schema.SchemaMigrator;
import org.stica.server.store.pg.PgCertificateExpiry;
import org.stica.server.store.pg.PgCertificateStore;
import org.stica.server.store.pg.PgPools;
import org.stica.server.store.pg.PgRevokedCursor;
import org.stica.tests.support.OpenSsl;
import org.stica.testing.TestDatabase;

/**
 * Benchmark (not part of the default run): inserts {@code stica.bench.rows} (default 1,000,000)
 * revoked certificates into PostgreSQL, then streams them through a cursor into the streaming CRL
 * writer and signs through the signer pool; prints build+sign seconds, CRL size and peak heap,
 * and checks the result with {@code openssl crl -verify}. Run it with a 512 MiB heap:
 * <pre>
 * mvn -B -o verify -pl tests -am -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dit.test=CrlScaleBench \
 *   -Dpkcs11.exports="--add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED -Xmx512m"
 * </pre>
 */
@Tag("bench")
class CrlScaleBench {
    private static final String ALIAS = "crl-signer";

    @Test
    void buildAndSign_millionRevoked_streamsWithinHeap() throws Exception {
        long rows = Long.getLong("stica.bench.rows", 1_000_000L);
        try (TestDatabase db = TestDatabase.create()) {
            StiCaConfig.Database database = StiCaConfig.load(Optional.empty(),
                    Map.of("STICA_DB_URL", db.url(), "STICA_HTTP_PORT", "0")).database();
            SchemaMigrator.migrate(database);
            long insertStart = System.nanoTime();
            insert(db, rows);
            System.out.printf("BENCH inserted %d revoked rows in %.1f s%n", rows,
                    (System.nanoTime() - insertStart) / 1e9);

            KeyPair key = ecKey();
            X509Certificate signerCert = selfSigned(key);
            Vertx vertx = Vertx.vertx();
            Pool pool = PgPools.create(vertx, database);
            SignerPool signer = new SignerPool(vertx, vault(key, signerCert), 2);
            try {
                CaHierarchy hierarchy = new CaHierarchy(signerCert, signerCert, signerCert,
                        URI.create("https://ca.example.test/crl/shaken.crl"));
                CertificateRevocationSource source = new CertificateRevocationSource(
                        new PgCertificateStore(pool), hierarchy, new PgCertificateExpiry(pool),
                        new PgRevokedCursor(pool));
                Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                CrlContent header = new CrlContent(signerCert, hierarchy.crlUrl(),
                        Optional.empty(), BigInteger.valueOf(now.toEpochMilli()), now,
                        now.plusSeconds(86_400), List.of());
                Path out = Files.createTempFile("stica-bench", ".crl");

                System.gc();
                resetPeaks();
                long start = System.nanoTime();
                long entries = new StreamingCrlBuild(vertx, source, signer, ALIAS, 10_000)
                        .build(header, now, out).await();
                double seconds = (System.nanoTime() - start) / 1e9;
                long peakHeap = peakHeapBytes();
                System.out.printf("BENCH CRL with %d entries (%.1f MiB) built and signed in %.2f s;"
                                + " peak heap %.0f MiB (max heap %.0f MiB)%n", entries,
                        Files.size(out) / 1048576.0, seconds, peakHeap / 1048576.0,
                        Runtime.getRuntime().maxMemory() / 1048576.0);
                assertEquals(rows, entries);

                Path signerPem = Files.createTempFile("stica-bench-signer", ".pem");
                Files.writeString(signerPem, pem(signerCert));
                long verifyStart = System.nanoTime();
                OpenSsl.Result verify = OpenSsl.run(List.of("openssl", "crl", "-inform", "DER",
                        "-in", out.toString(), "-CAfile", signerPem.toString(), "-noout"));
                System.out.printf("BENCH openssl crl -verify: %s in %.1f s%n",
                        verify.output().trim(), (System.nanoTime() - verifyStart) / 1e9);
                assertTrue(verify.output().contains("verify OK"), verify.output());
                Files.deleteIfExists(out);
            } finally {
                signer.close();
                pool.close().await();
                vertx.close().await();
            }
        }
    }

    private static void insert(TestDatabase db, long rows) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO ca_key (alias, role, certificate)"
                    + " VALUES ('intermediate-1', 'intermediate', '\\x00'::bytea)");
            s.execute("INSERT INTO certificate (serial, issuer_alias, status, spc, tbs_sha256,"
                    + " der, not_before, not_after, revoked_at, revocation_reason, revoked_by)"
                    + " SELECT '1' || md5(g::text), 'intermediate-1', 'revoked', 'BNCH',"
                    + " '\\x00'::bytea, '\\x00'::bytea, now() - interval '1 day',"
                    + " now() + interval '300 days', now() - (g || ' seconds')::interval,"
                    + " (ARRAY[0, 1, 3, 4, 5, 9])[1 + g % 6], 'bench'"
                    + " FROM generate_series(1, " + rows + ") AS g");
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peak usage since {@link #resetPeaks} (an upper bound). */
    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate selfSigned(KeyPair key) throws Exception {
        X500Name name = new X500Name("CN=Bench CRL Signer,O=STI-CA,C=US");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)),
                Date.from(now.plusSeconds(86_400 * 30L)), name, key.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.cRLSign | KeyUsage.keyCertSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key.getPublic()));
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }

    /** A software key vault holding the bench signer only. */
    private static KeyVault vault(KeyPair key, X509Certificate cert) {
        return new KeyVault() {
            @Override
            public String description() {
                return "bench software key";
            }

            @Override
            public PublicKey generate(String alias) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void storeChain(String alias, List<X509Certificate> chain) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean contains(String alias) {
                return ALIAS.equals(alias);
            }

            @Override
            public Optional<List<X509Certificate>> chain(String alias) {
                return Optional.of(List.of(cert));
            }

            @Override
            public PrivateKey privateKey(String alias) {
                return key.getPrivate();
            }

            @Override
            public Provider provider() {
                return Security.getProvider("SunEC");
            }

            @Override
            public void close() {
            }
        };
    }

    private static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
