package org.stica.policy.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.stica.policy.TestPki;

/** STANDARDS.md §7.4 vectors (RFC 7515 Appendix A.3 P-256 key). */
class AccountKeyFingerprintsTest {
    static final String X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    static final String Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";

    static ECPublicKey rfc7515A3Key() throws Exception {
        return new ECKey.Builder(Curve.P_256, new Base64URL(X), new Base64URL(Y)).build()
                .toECPublicKey();
    }

    @Test
    void jwkThumbprintForm_rfc7515A3Key_matchesVector() throws Exception {
        // RFC 9448 §5.4: fingerprint over the RFC 7638 JWK thumbprint (RFC 8555 §8.1 step).
        assertEquals("SHA256 A0:A2:32:C2:F1:94:A5:35:53:CB:13:10:DD:BC:08:21:E4:14:B9:D7:EB:FC:"
                        + "29:0B:32:30:84:D7:D1:02:0F:E5",
                AccountKeyFingerprints.jwkThumbprintForm(rfc7515A3Key()));
    }

    @Test
    void spkiForm_rfc7515A3Key_matchesVector() throws Exception {
        // STANDARDS.md §0 trap 3: field practice hashes the SPKI DER.
        ECPublicKey key = rfc7515A3Key();
        assertEquals("3059301306072a8648ce3d020106082a8648ce3d030107034200047fcdce2770f6c45d4183cb"
                        + "ee6fdb4b7b580733357be9ef13bacf6e3c7bd15445c7f144cd1bbd9b7e872cdfedb9eeb"
                        + "9f4b3695d6ea90b24ad8a4623288588e5ad",
                HexFormat.of().formatHex(key.getEncoded()));
        assertEquals("SHA256 2B:D1:BB:0C:44:A8:97:C3:0A:7A:A0:99:1C:DE:38:D8:06:2F:E4:41:DE:50:"
                        + "DA:0F:46:82:53:44:F6:02:E8:27",
                AccountKeyFingerprints.spkiForm(key));
    }

    @Test
    void bothForms_rsaKey_areDistinctAndWellFormed() {
        var key = TestPki.rsa2048().getPublic();
        String jwk = AccountKeyFingerprints.jwkThumbprintForm(key);
        String spki = AccountKeyFingerprints.spkiForm(key);
        assertNotEquals(jwk, spki);
        assertTrue(jwk.matches("SHA256 ([0-9A-F]{2}:){31}[0-9A-F]{2}"), jwk);
        assertTrue(spki.matches("SHA256 ([0-9A-F]{2}:){31}[0-9A-F]{2}"), spki);
    }
}
