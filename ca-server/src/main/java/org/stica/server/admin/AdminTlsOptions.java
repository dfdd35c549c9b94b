package org.stica.server.admin;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.Optional;
import org.stica.server.config.AdminTls;

/**
 * TLS for the admin listener ({@code admin.tls.*}): the server's PEM certificate and key, and,
 * with a client CA file, client certificates {@code required} (the handshake fails without one)
 * or {@code request}ed. Without {@code admin.tls.certFile} the admin port stays plain HTTP (bind
 * it to localhost).
 */
public final class AdminTlsOptions {
    private AdminTlsOptions() {
    }

    /** {@code options} with TLS applied when configured. */
    public static HttpServerOptions apply(HttpServerOptions options, Optional<AdminTls> tls) {
        if (tls.isEmpty()) {
            return options;
        }
        AdminTls t = tls.get();
        options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(t.certFile().toString()).setKeyPath(t.keyFile().toString()));
        t.clientCaFile().ifPresent(ca -> options
                .setTrustOptions(new PemTrustOptions().addCertPath(ca.toString()))
                .setClientAuth("required".equals(t.clientAuth()) ? ClientAuth.REQUIRED
                        : ClientAuth.REQUEST));
        return options;
    }
}
