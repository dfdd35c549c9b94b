package org.stica.server.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPaKeysTest {

    @Test
    void loadOrCreate_secondStart_reloadsTheSameUsableSignerKey(@TempDir Path dir) throws Exception {
        DemoPaKeys created = DemoPaKeys.loadOrCreate(dir, Clock.systemUTC());
        DemoPaKeys reloaded = DemoPaKeys.loadOrCreate(dir, Clock.systemUTC());

        assertEquals(created.root(), reloaded.root());
        assertEquals(created.signer(), reloaded.signer());
        Signature sign = Signature.getInstance("SHA256withECDSA");
        sign.initSign(reloaded.signerKey().getPrivate());
        sign.update(new byte[] {1, 2, 3});
        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(created.signer().getPublicKey());
        verify.update(new byte[] {1, 2, 3});
        assertTrue(verify.verify(sign.sign()), "the reloaded key signs for the published signer");
        assertEquals(PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(dir.resolve("signer-key.pem")));
    }
}
