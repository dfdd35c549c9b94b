package org.stica.server.http.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * The contents of a client CA file (PEM certificates) as the TLS listener trusts them: checked
 * to hold at least one certificate, then served from memory ({@link TlsReload}).
 */
final class ClientCas {
    private final Path file;
    private final byte[] pem;
    private final int certificates;

    private ClientCas(Path file, byte[] pem, int certificates) {
        this.file = file;
        this.pem = pem.clone();
        this.certificates = certificates;
    }

    /** The certificates in {@code pem}, read from {@code file}; throws when it holds none. */
    static ClientCas parse(Path file, byte[] pem) {
        Collection<?> parsed;
        try {
            parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
        } catch (CertificateException e) {
            throw new TlsPairException(file + ": not PEM certificates (" + e.getMessage() + ")", e);
        }
        if (parsed.isEmpty()) {
            throw new TlsPairException(file + ": holds no certificate");
        }
        return new ClientCas(file, pem, parsed.size());
    }

    PemTrustOptions trustOptions() {
        return new PemTrustOptions().addCertValue(Buffer.buffer(pem));
    }

    @Override
    public String toString() {
        return certificates + " CA certificate(s) from " + file;
    }
}
