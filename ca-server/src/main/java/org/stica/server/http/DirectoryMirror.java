package org.stica.server.http;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.stica.crl.CrlModule;
import org.stica.crl.arl.ArlModule;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.ca.CaInitializer;
import org.stica.server.ca.CrlPaths;

/**
 * Keeps the publication directory in step with what the public port serves: the SHAKEN CRL (DER
 * and PEM) each time a new one is served, the ARL each time it is re-signed, and once at start the
 * trust anchors (PEM and JSON) and the CRL signer certificate. Chains are written at issuance by
 * {@code PublishingCertificateAuthority}.
 */
public final class DirectoryMirror {
    private final DirectoryPublication directory;

    public DirectoryMirror(DirectoryPublication directory) {
        this.directory = directory;
    }

    /** Registers the CRL and ARL listeners (before the modules start). */
    public void follow(CrlModule crl, String crlPath, ArlModule arl) {
        crl.onServed(snapshot -> {
            directory.copy(crlPath, snapshot.derFile());
            directory.copy(crlPath + ".pem", snapshot.pemFile());
        });
        arl.onServed(snapshot -> directory.copy(PublicationPaths.ARL, snapshot.derFile()));
    }

    /** Writes the files that only change with the CA hierarchy. */
    public Future<Void> writeStatic(CaHierarchy hierarchy) {
        return Future.all(
                directory.write(PublicationPaths.ROOTS_PEM, ascii(CaInitializer.toPem(
                        List.of(hierarchy.root())))),
                directory.write(PublicationPaths.TRUST_ANCHORS_JSON,
                        TrustAnchorsJson.of(List.of(hierarchy.root())).body()),
                directory.write(CrlPaths.SIGNER, ascii(CaInitializer.toPem(
                        List.of(hierarchy.crlSigner()))))).mapEmpty();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
