package org.stica.loadgen;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;

/**
 * One worker's ACME account key (EC P-256) and the flattened JWS requests it signs (RFC 8555
 * §6.2): {@code jwk} until the account exists, then {@code kid}. Signed with nimbus-jose-jwt over
 * the Bouncy Castle provider; one key per worker for the whole run.
 */
public final class AccountKey {
    private final KeyPair pair;
    private final ECKey publicJwk;
    private final ECDSASigner signer;
    private volatile String kid;

    private AccountKey(KeyPair pair) throws JOSEException {
        this.pair = pair;
        this.publicJwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).build();
        this.signer = new ECDSASigner((ECPrivateKey) pair.getPrivate());
        signer.getJCAContext().setProvider(BouncyCastleProviderSingleton.getInstance());
    }

    public static AccountKey generate() {
        try {
            return new AccountKey(p256());
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("cannot create an account key", e);
        }
    }

    /** A fresh EC P-256 key pair (account keys, certificate keys). */
    public static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** After newAccount: later requests name the account URL in {@code kid}. */
    public void account(String accountUrl) {
        this.kid = accountUrl;
    }

    public String accountUrl() {
        return kid;
    }

    /** {@code SHA256 AA:BB:...} over the public key's SPKI DER (RFC 9448 §5.5 fingerprint form). */
    public String spkiFingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded());
            return "SHA256 " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A flattened JWS over {@code payload} ({@code null}: POST-as-GET, empty payload). */
    public Buffer sign(String url, String nonce, JsonObject payload) {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .customParam("nonce", nonce).customParam("url", url);
        if (kid == null) {
            header.jwk(publicJwk);
        } else {
            header.keyID(kid);
        }
        JWSObject jws = new JWSObject(header.build(),
                new Payload(payload == null ? "" : payload.encode()));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new AcmeFailure("client-signing", e.getMessage());
        }
        return new JsonObject().put("protected", jws.getHeader().toBase64URL().toString())
                .put("payload", jws.getPayload().toBase64URL().toString())
                .put("signature", jws.getSignature().toString()).toBuffer();
    }
}
