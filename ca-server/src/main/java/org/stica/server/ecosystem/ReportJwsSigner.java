package org.stica.server.ecosystem;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.stica.hsm.SignerPool;

/**
 * Signs revocation report documents (issue 20) as compact JWS (RFC 7515, ES256) with the HSM key
 * the CA keeps for signing its own records, the audit checkpoint key ({@code audit-signer}),
 * through the signer pool (never on an event loop, never inside a transaction). The header is
 * {@code {"alg":"ES256","typ":"stica-revocation-report+jws","kid":<alias>,"x5c":[<the key's
 * certificate>]}} so a recipient can verify the document and pin the key; the HSM's DER ECDSA
 * signature is transcoded to JWS R||S by nimbus.
 */
public final class ReportJwsSigner {
    /** The JWS {@code typ} of a revocation report. */
    public static final JOSEObjectType TYPE = new JOSEObjectType("stica-revocation-report+jws");

    private final SignerPool signer;
    private final String alias;
    private final JWSHeader header;

    /** @param certificate the certificate of {@code alias}'s key (read once, at start-up) */
    public ReportJwsSigner(SignerPool signer, String alias, X509Certificate certificate) {
        this.signer = signer;
        this.alias = alias;
        try {
            this.header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(TYPE).keyID(alias)
                    .x509CertChain(List.of(Base64.encode(certificate.getEncoded()))).build();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the report signer's certificate cannot be encoded",
                    e);
        }
    }

    /** The compact JWS of {@code payload}. */
    public Future<String> sign(JsonObject payload) {
        String signingInput = header.toBase64URL() + "." + new Payload(payload.encode())
                .toBase64URL();
        return signer.sign(alias, signingInput.getBytes(StandardCharsets.US_ASCII))
                .compose(der -> {
                    try {
                        return Future.succeededFuture(signingInput + "."
                                + Base64URL.encode(ECDSA.transcodeSignatureToConcat(der, 64)));
                    } catch (JOSEException e) {
                        return Future.failedFuture(new IllegalStateException(
                                "the report signature cannot be transcoded", e));
                    }
                });
    }
}
