package org.stica.acme.store.pg;

import java.util.Map;
import java.util.Optional;
import org.stica.acme.model.CertificateRecord;

/**
 * The ACME side of an issuance, written by the CA's own statement that records the certificate
 * (issue 18): the order moves processing → valid and its certificate resource is stored, in the
 * same implicit transaction as the CA's record, so the order is valid exactly when the CA's
 * record of its certificate exists, and an issuance costs one statement and one commit fewer
 * than with {@link PgOrderStore#recordIssued} after it.
 *
 * <p>{@link #CTES} are data-modifying CTEs to place after a CTE named {@code issued} that returns
 * a row iff the CA recorded the certificate; they write nothing otherwise, nor when the order is
 * no longer processing (another instance's sweep settled it), nor when no order is named (all
 * parameters null). {@link #RECORDED} is 1 when the order was recorded valid, else 0. Named
 * parameters: {@code acmeOrder}, {@code acmeCertificate}, {@code acmeAccount},
 * {@code acmeSerial}, {@code acmePem}, {@code acmeX5u}, {@code acmeCreated} ({@link #params}).
 */
public final class IssuedOrderSql {
    public static final String CTES = "acme_valid AS (UPDATE acme_order SET status = 'valid',"
            + " certificate_id = #{acmeCertificate}::text, x5u = #{acmeX5u}::text"
            + " WHERE id = #{acmeOrder}::text AND status = 'processing'"
            + " AND EXISTS (SELECT 1 FROM issued) RETURNING id),"
            + " acme_copy AS (INSERT INTO acme_certificate (id, order_id, account_id, serial_hex,"
            + " chain_pem, x5u, created_at) SELECT #{acmeCertificate}::text, acme_valid.id,"
            + " #{acmeAccount}::text, #{acmeSerial}::text, #{acmePem}::text, #{acmeX5u}::text,"
            + " #{acmeCreated}::timestamptz FROM acme_valid RETURNING id)";
    public static final String RECORDED = "(SELECT count(*) FROM acme_copy)";

    private IssuedOrderSql() {
    }

    /** Puts the parameters of {@link #CTES} for {@code order} (all null when there is none). */
    public static void params(Map<String, Object> params, Optional<CertificateRecord> order) {
        params.put("acmeOrder", order.map(CertificateRecord::orderId).orElse(null));
        params.put("acmeCertificate", order.map(CertificateRecord::id).orElse(null));
        params.put("acmeAccount", order.map(CertificateRecord::accountId).orElse(null));
        params.put("acmeSerial", order.map(CertificateRecord::serialHex).orElse(null));
        params.put("acmePem", order.map(CertificateRecord::chainPem).orElse(null));
        params.put("acmeX5u", order.map(CertificateRecord::x5u).orElse(null));
        params.put("acmeCreated", order.map(r -> SqlValues.time(r.createdAt())).orElse(null));
    }
}
