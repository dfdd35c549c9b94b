package org.stica.server.store.pg;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.stica.server.ca.CaKeyRecord;
import org.stica.server.ca.CaKeyRole;

/** SQL for {@code ca_key}: the CA's own keys and their certificates. */
public final class PgCaKeyStore {
    private static final String INSERT = "INSERT INTO ca_key (alias, role, certificate)"
            + " VALUES (#{alias}, #{role}, #{certificate})";
    private static final String SELECT_ALL =
            "SELECT alias, role, certificate FROM ca_key ORDER BY created_at, alias";

    private static final RowMapper<CaKeyRecord> RECORD = row -> new CaKeyRecord(
            row.getString("alias"), CaKeyRole.fromDb(row.getString("role")),
            certificate(row.getBuffer("certificate").getBytes()));

    private final Pool pool;

    public PgCaKeyStore(Pool pool) {
        this.pool = pool;
    }

    /** Inserts every record in one transaction (fails if any alias already exists). */
    public Future<Void> insertAll(List<CaKeyRecord> records) {
        return pool.withTransaction(connection -> {
            List<Map<String, Object>> params = records.stream().map(PgCaKeyStore::params).toList();
            return SqlTemplate.forUpdate(connection, INSERT).executeBatch(params);
        }).mapEmpty();
    }

    public Future<List<CaKeyRecord>> all() {
        return SqlTemplate.forQuery(pool, SELECT_ALL).mapTo(RECORD).execute(Map.of())
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).toList());
    }

    private static Map<String, Object> params(CaKeyRecord record) {
        try {
            return Map.of("alias", record.alias(), "role", record.role().dbValue(),
                    "certificate", Buffer.buffer(record.certificate().getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode CA certificate " + record.alias(), e);
        }
    }

    private static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("stored CA certificate does not parse", e);
        }
    }
}
