package org.stica.server.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A listener's TLS certificate and private key, two PEM files ({@code http.tls.*},
 * {@code admin.tls.*}): the certificate file holds the server certificate first, then any
 * intermediates; the key file holds its private key (PKCS#8, or SEC1/PKCS#1). The server reads
 * them at start and again whenever they change.
 */
public record TlsFiles(Path certFile, Path keyFile) {

    /**
     * The pair named by {@code cert} and {@code key}; empty when neither is set. Each, when set,
     * must be a readable file, and one without the other is refused naming both keys.
     */
    static Optional<TlsFiles> read(ConfigReader in, ConfigKey cert, ConfigKey key) {
        Optional<Path> certFile = in.readableFile(cert);
        Optional<Path> keyFile = in.readableFile(key);
        if (certFile.isEmpty() && keyFile.isEmpty()) {
            return Optional.empty();
        }
        if (certFile.isEmpty() || keyFile.isEmpty()) {
            throw cert.invalid("and " + key.label() + " must be set together");
        }
        return Optional.of(new TlsFiles(certFile.get(), keyFile.get()));
    }
}
