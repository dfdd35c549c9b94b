package org.stica.server.http.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stica.server.config.TlsFiles;
import org.stica.testing.TestTls;

/**
 * A listener's certificate and key are checked before any server gets them (issue 17): a
 * half-written, mismatched, keyless or expired pair is refused naming the file, never served.
 */
class TlsKeyPairTest {
    @TempDir
    Path dir;
    private TestTls ca;
    private TlsFiles files;

    @BeforeEach
    void setUp() {
        ca = TestTls.create(dir);
        files = new TlsFiles(dir.resolve("server.pem"), dir.resolve("server.key"));
    }

    @Test
    void read_matchingPair_servesTheCertificateInTheFile() {
        X509Certificate issued = ca.issue(files.certFile(), files.keyFile());

        TlsKeyPair pair = TlsKeyPair.read(files, Instant.now());

        assertEquals(issued, pair.certificate());
        assertEquals(files, pair.files());
        assertTrue(pair.toString().contains(issued.getSerialNumber().toString(16)),
                pair.toString());
        assertTrue(!pair.toString().contains("PRIVATE"), "no key material in logs");
    }

    @Test
    void read_keyOfAnotherCertificate_isRefused() {
        ca.issue(files.certFile(), files.keyFile());
        Path otherKey = dir.resolve("other.key");
        ca.issue(dir.resolve("other.pem"), otherKey);

        TlsPairException e = assertThrows(TlsPairException.class, () -> TlsKeyPair.read(
                new TlsFiles(files.certFile(), otherKey), Instant.now()));

        assertTrue(e.getMessage().contains("does not belong to the certificate"), e.getMessage());
    }

    @Test
    void read_halfWrittenCertificate_isRefused() throws Exception {
        ca.issue(files.certFile(), files.keyFile());
        String pem = Files.readString(files.certFile());
        Files.writeString(files.certFile(), pem.substring(0, pem.length() / 2));

        TlsPairException e = assertThrows(TlsPairException.class,
                () -> TlsKeyPair.read(files, Instant.now()));

        assertTrue(e.getMessage().startsWith(files.certFile().toString()), e.getMessage());
    }

    @Test
    void read_emptyOrHalfWrittenKey_isRefused() throws Exception {
        ca.issue(files.certFile(), files.keyFile());
        String key = Files.readString(files.keyFile());
        Files.writeString(files.keyFile(), key.substring(0, key.length() / 2));
        assertThrows(TlsPairException.class, () -> TlsKeyPair.read(files, Instant.now()));

        Files.writeString(files.keyFile(), "");
        TlsPairException e = assertThrows(TlsPairException.class,
                () -> TlsKeyPair.read(files, Instant.now()));
        assertTrue(e.getMessage().contains("no unencrypted private key"), e.getMessage());
    }

    @Test
    void read_certificateOutsideItsValidity_isRefused() {
        Instant now = Instant.now();
        ca.issue(files.certFile(), files.keyFile(), now.minus(Duration.ofDays(2)),
                now.minus(Duration.ofDays(1)));

        TlsPairException e = assertThrows(TlsPairException.class,
                () -> TlsKeyPair.read(files, now));

        assertTrue(e.getMessage().contains("not valid now"), e.getMessage());
    }

    @Test
    void read_missingFile_isRefusedNamingIt() {
        TlsPairException e = assertThrows(TlsPairException.class,
                () -> TlsKeyPair.read(files, Instant.now()));

        assertTrue(e.getMessage().contains(files.certFile().toString()), e.getMessage());
    }

    @Test
    void digest_changesWithEitherFile() {
        byte[] cert = {1, 2, 3};
        byte[] key = {4, 5, 6};

        assertEquals(TlsKeyPair.digest(cert, key), TlsKeyPair.digest(cert.clone(), key.clone()));
        assertNotEquals(TlsKeyPair.digest(cert, key), TlsKeyPair.digest(cert, new byte[] {4, 5}));
        assertNotEquals(TlsKeyPair.digest(cert, key), TlsKeyPair.digest(new byte[] {1}, key));
    }
}
