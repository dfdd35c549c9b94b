package org.stica.acme.store.pg;

import java.util.HashMap;
import java.util.Map;
import org.stica.acme.model.CertificateRecord;
import org.stica.acme.port.StatementPart;

/**
 * The ACME side of an issuance, written by the CA's own statement that records the certificate
 * (issue 18): the order moves processing → valid and its certificate resource is stored, in the
 * same implicit transaction as the CA's record, so the order is valid exactly when the CA's
 * record of its certificate exists, and an issuance costs one statement and one commit fewer
 * than with {@link PgOrderStore#recordIssued} after it.
 *
 * <p>The part ({@link StatementPart}, handed to the CA through its port) is data-modifying CTEs
 * to place after a CTE named {@code issued} that returns a row iff the CA recorded the
 * certificate; they write nothing otherwise, nor when the order is no longer processing (another
 * instance's sweep settled it). Its {@code recorded} is 1 when the order was recorded valid, else
 * 0. Named parameters, all prefixed {@code acme}: the order, the certificate resource's id, the
 * account, the serial, the PEM chain, the x5u and the time.
 */
public final class IssuedOrderSql {
    static final String CTES = "acme_valid AS (UPDATE acme_order SET status = 'valid',"
            + " certificate_id = #{acmeCertificate}::text, x5u = #{acmeX5u}::text"
            + " WHERE id = #{acmeOrder}::text AND status = 'processing'"
            + " AND EXISTS (SELECT 1 FROM issued) RETURNING id),"
            + " acme_copy AS (INSERT INTO acme_certificate (id, order_id, account_id, serial_hex,"
            + " chain_pem, x5u, created_at) SELECT #{acmeCertificate}::text, acme_valid.id,"
            + " #{acmeAccount}::text, #{acmeSerial}::text, #{acmePem}::text, #{acmeX5u}::text,"
            + " #{acmeCreated}::timestamptz FROM acme_valid RETURNING id)";
    static final String RECORDED = "(SELECT count(*) FROM acme_copy)";

    private IssuedOrderSql() {
    }

    /** The order of {@code record} made valid with it, as a part of the CA's statement. */
    public static StatementPart part(CertificateRecord record) {
        Map<String, Object> params = new HashMap<>();
        params.put("acmeOrder", record.orderId());
        params.put("acmeCertificate", record.id());
        params.put("acmeAccount", record.accountId());
        params.put("acmeSerial", record.serialHex());
        params.put("acmePem", record.chainPem());
        params.put("acmeX5u", record.x5u());
        params.put("acmeCreated", SqlValues.time(record.createdAt()));
        return new StatementPart(CTES, RECORDED, params);
    }
}
