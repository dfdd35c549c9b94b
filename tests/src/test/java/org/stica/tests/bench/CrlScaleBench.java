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
import java.time.Clock;
import java.time.Duration;
import org.stica.crl.CrlConfig;
import org.stica.crl.CrlModule;
import org.stica.crl.store.StoredCrl;
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
 * revoked certificates into PostgreSQL, then publishes the CRL with the server's own
 * {@link CrlModule} (cursor, spool, signer pool, safety and retention checks, storage in parts,
 * snapshot served from its file) twice: the first publication, and the next one after one more
 * revocation (which also reads the previous CRL for the retention check). Prints seconds, CRL
 * size and peak heap, and checks the result with {@code openssl crl -verify}. Run it with a 512 MiB heap:
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
            Path cache = Files.createTempDirectory("stica-bench-crl");
            try {
                CaHierarchy hierarchy = new CaHierarchy(signerCert, signerCert, signerCert,
                        URI.create("https://ca.example.test/crl/shaken.crl"));
                CertificateRevocationSource source = new CertificateRevocationSource(
                        new PgCertificateStore(pool), hierarchy, new PgCertificateExpiry(pool),
                        new PgRevokedCursor(pool));
                CrlConfig config = new CrlConfig(hierarchy.crlUrl(), "/crl/shaken.crl", ALIAS,
                        signerCert, Optional.empty(), Duration.ofHours(24),
                        Duration.ofMinutes(1));
                // the server's own publisher: cursor -> spool -> signer pool -> file -> checks
                // -> parts in PostgreSQL -> snapshot served with sendFile
                CrlModule module = new CrlModule(vertx, pool, signer, source, config,
                        Clock.systemUTC(), cache);

                System.gc();
                resetPeaks();
                long start = System.nanoTime();
                module.start().await();
                double seconds = (System.nanoTime() - start) / 1e9;
                long peakHeap = peakHeapBytes();
                StoredCrl first = module.current().orElseThrow();
                System.out.printf("BENCH first publication: CRL with %d entries (%.1f MiB) built,"
                                + " signed, checked, stored and served in %.2f s; peak heap %.0f MiB"
                                + " (max heap %.0f MiB)%n", first.entries(),
                        first.size() / 1048576.0, seconds, peakHeap / 1048576.0,
                        Runtime.getRuntime().maxMemory() / 1048576.0);
                assertEquals(rows, first.entries());

                revokeOneMore(db);
                System.gc();
                resetPeaks();
                start = System.nanoTime();
                module.publishNow().await();
                seconds = (System.nanoTime() - start) / 1e9;
                peakHeap = peakHeapBytes();
                StoredCrl second = module.current().orElseThrow();
                System.out.printf("BENCH next publication (retention check reads the previous"
                                + " CRL): %d entries in %.2f s; peak heap %.0f MiB%n",
                        second.entries(), seconds, peakHeap / 1048576.0);
                assertEquals(rows + 1, second.entries());
                module.stop();

                Path signerPem = Files.createTempFile("stica-bench-signer", ".pem");
                Files.writeString(signerPem, pem(signerCert));
                long verifyStart = System.nanoTime();
                OpenSsl.Result verify = OpenSsl.run(List.of("openssl", "crl", "-inform", "DER",
                        "-in", second.file().toString(), "-CAfile", signerPem.toString(),
                        "-noout"));
                System.out.printf("BENCH openssl crl -verify: %s in %.1f s%n",
                        verify.output().trim(), (System.nanoTime() - verifyStart) / 1e9);
                assertTrue(verify.output().contains("verify OK"), verify.output());
            } finally {
                signer.close();
                pool.close().await();
                vertx.close().await();
                try (var files = Files.list(cache)) {
                    files.forEach(f -> f.toFile().delete());
                }
                Files.deleteIfExists(cache);
            }
        }
    }

    private static void revokeOneMore(TestDatabase db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO certificate (serial, issuer_alias, status, spc, tbs_sha256,"
                    + " der, not_before, not_after, revoked_at, revocation_reason, revoked_by)"
                    + " VALUES ('2abc', 'intermediate-1', 'revoked', 'BNCH', '\\x00'::bytea,"
                    + " '\\x00'::bytea, now() - interval '1 day', now() + interval '300 days',"
                    + " now(), 1, 'bench')");
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
