package org.stica.server.trust.store.pg;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.stica.server.trust.StoredAnchor;
import org.stica.server.trust.StoredCrl;

/**
 * SQL for {@code pa_trust_anchor}, {@code pa_crl_copy} and {@code pa_ca_list_copy} (migrations in
 * {@code db/pa}). The CA list row is replaced only by a strictly higher {@code sequence}, so a
 * rollback is refused by the database too, even between instances.
 */
public final class PgTrustStore {
    private static final String ANCHORS = "SELECT id, sha256, source, added_at, der"
            + " FROM pa_trust_anchor ORDER BY id";
    private static final String INSERT_ANCHOR = "INSERT INTO pa_trust_anchor (sha256, subject,"
            + " der, source, not_after) VALUES (#{sha256}, #{subject}, #{der}, #{source},"
            + " #{notAfter}) ON CONFLICT (sha256) DO NOTHING RETURNING id";
    private static final String ANCHOR_BY_HASH = "SELECT id, sha256, source, added_at, der"
            + " FROM pa_trust_anchor WHERE sha256 = #{sha256}";
    private static final String DELETE_ANCHOR = "DELETE FROM pa_trust_anchor WHERE id = #{id}"
            + " RETURNING id";
    private static final String CRL = "SELECT der, source_url, fetched_at, signer_chain_pem"
            + " FROM pa_crl_copy"
            + " WHERE id = 1";
    private static final String UPSERT_CRL = "INSERT INTO pa_crl_copy (id, der, source_url,"
            + " this_update, next_update, fetched_at, signer_chain_pem) VALUES (1, #{der}, #{url},"
            + " #{thisUpdate}, #{nextUpdate}, #{fetchedAt}, #{signers}) ON CONFLICT (id) DO UPDATE"
            + " SET der = EXCLUDED.der, source_url = EXCLUDED.source_url,"
            + " this_update = EXCLUDED.this_update, next_update = EXCLUDED.next_update,"
            + " fetched_at = EXCLUDED.fetched_at, signer_chain_pem = EXCLUDED.signer_chain_pem";
    private static final String CA_LIST = "SELECT sequence, jws FROM pa_ca_list_copy WHERE id = 1";
    private static final String UPSERT_CA_LIST = "INSERT INTO pa_ca_list_copy (id, sequence, jws,"
            + " expires_at, fetched_at) VALUES (1, #{sequence}, #{jws}, #{expires}, #{fetchedAt})"
            + " ON CONFLICT (id) DO UPDATE SET sequence = EXCLUDED.sequence, jws = EXCLUDED.jws,"
            + " expires_at = EXCLUDED.expires_at, fetched_at = EXCLUDED.fetched_at"
            + " WHERE pa_ca_list_copy.sequence < EXCLUDED.sequence RETURNING sequence";

    private static final RowMapper<StoredAnchor> ANCHOR = row -> new StoredAnchor(
            row.getLong("id"), row.getString("sha256"), row.getString("source"),
            row.getOffsetDateTime("added_at").toInstant(), certificate(row));
    private static final RowMapper<StoredCrl> CRL_ROW = row -> new StoredCrl(
            row.getBuffer("der").getBytes(), row.getString("source_url"),
            row.getOffsetDateTime("fetched_at").toInstant(),
            certificates(row.getString("signer_chain_pem")));

    private final Pool pool;

    public PgTrustStore(Pool pool) {
        this.pool = pool;
    }

    public Future<List<StoredAnchor>> anchors() {
        return SqlTemplate.forQuery(pool, ANCHORS).mapTo(ANCHOR).execute(Map.of())
                .map(rows -> {
                    List<StoredAnchor> all = new ArrayList<>();
                    rows.forEach(all::add);
                    return all;
                });
    }

    /** Adds the anchor (idempotent by SHA-256); returns the stored row and whether it is new. */
    public Future<Map.Entry<StoredAnchor, Boolean>> addAnchor(X509Certificate cert, String sha256,
                                                             String source) {
        Map<String, Object> params = new HashMap<>();
        params.put("sha256", sha256);
        params.put("subject", cert.getSubjectX500Principal().getName());
        params.put("der", Buffer.buffer(encoded(cert)));
        params.put("source", source);
        params.put("notAfter", time(cert.getNotAfter().toInstant()));
        return pool.withTransaction(c -> SqlTemplate.forQuery(c, INSERT_ANCHOR).execute(params)
                .compose(inserted -> SqlTemplate.forQuery(c, ANCHOR_BY_HASH).mapTo(ANCHOR)
                        .execute(Map.of("sha256", sha256))
                        .map(rows -> Map.entry(rows.iterator().next(), inserted.size() > 0))));
    }

    /** True when a row was deleted. */
    public Future<Boolean> deleteAnchor(long id) {
        return pool.withTransaction(c -> SqlTemplate.forQuery(c, DELETE_ANCHOR)
                .execute(Map.of("id", id)).map(rows -> rows.size() > 0));
    }

    public Future<Optional<StoredCrl>> crl() {
        return SqlTemplate.forQuery(pool, CRL).mapTo(CRL_ROW).execute(Map.of())
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next()));
    }

    public Future<Void> saveCrl(byte[] der, String url, Instant thisUpdate,
                                Optional<Instant> nextUpdate, Instant fetchedAt) {
        return saveCrl(der, url, thisUpdate, nextUpdate, fetchedAt, Optional.empty());
    }

    /** As above, with the separate CRL signer chain (PEM) the CRL was verified with. */
    public Future<Void> saveCrl(byte[] der, String url, Instant thisUpdate,
                                Optional<Instant> nextUpdate, Instant fetchedAt,
                                Optional<String> signerChainPem) {
        Map<String, Object> params = new HashMap<>();
        params.put("signers", signerChainPem.orElse(null));
        params.put("der", Buffer.buffer(der));
        params.put("url", url);
        params.put("thisUpdate", time(thisUpdate));
        params.put("nextUpdate", nextUpdate.map(PgTrustStore::time).orElse(null));
        params.put("fetchedAt", time(fetchedAt));
        return pool.withTransaction(c -> SqlTemplate.forUpdate(c, UPSERT_CRL).execute(params))
                .mapEmpty();
    }

    public Future<OptionalLong> caListSequence() {
        return SqlTemplate.forQuery(pool, CA_LIST).execute(Map.of())
                .map(rows -> rows.size() == 0 ? OptionalLong.empty()
                        : OptionalLong.of(rows.iterator().next().getLong("sequence")));
    }

    public Future<Optional<String>> caListJws() {
        return SqlTemplate.forQuery(pool, CA_LIST).execute(Map.of())
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString("jws")));
    }

    /** False when a list with an equal or higher sequence is already stored. */
    public Future<Boolean> saveCaList(long sequence, String jws, Instant expires,
                                      Instant fetchedAt) {
        Map<String, Object> params = Map.of("sequence", sequence, "jws", jws,
                "expires", time(expires), "fetchedAt", time(fetchedAt));
        return pool.withTransaction(c -> SqlTemplate.forQuery(c, UPSERT_CA_LIST).execute(params)
                .map(rows -> rows.size() > 0));
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    private static X509Certificate certificate(Row row) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(row.getBuffer("der").getBytes()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored STI-PA anchor is not a certificate", e);
        }
    }

    private static List<X509Certificate> certificates(String pem) {
        if (pem == null || pem.isEmpty()) {
            return List.of();
        }
        try {
            return CertificateFactory.getInstance("X.509").generateCertificates(
                            new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .stream().map(c -> (X509Certificate) c).toList();
        } catch (GeneralSecurityException e) {
            return List.of();
        }
    }
}
