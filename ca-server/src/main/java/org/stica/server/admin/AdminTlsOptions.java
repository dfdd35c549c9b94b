package org.stica.server.admin;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemTrustOptions;
import org.stica.server.config.AdminTls;
import org.stica.server.http.tls.ListenerTls;
import org.stica.server.http.tls.TlsKeyPair;

/**
 * TLS for the admin listener ({@code admin.tls.*}): the server's certificate and key (read and
 * reloaded like the public port's, with the same protocols and ciphers, {@link ListenerTls}),
 * and, with a client CA file, client certificates {@code required} (the handshake fails without
 * one) or {@code request}ed. Without {@code admin.tls.certFile} the admin port stays plain HTTP
 * (bind it to localhost).
 */
public final class AdminTlsOptions {
    private AdminTlsOptions() {
    }

    /** {@code options} with TLS on, serving {@code pair}, and client authentication. */
    public static HttpServerOptions apply(HttpServerOptions options, AdminTls tls,
                                          TlsKeyPair pair) {
        ListenerTls.apply(options, pair);
        tls.clientCaFile().ifPresent(ca -> options
                .setTrustOptions(new PemTrustOptions().addCertPath(ca.toString()))
                .setClientAuth("required".equals(tls.clientAuth()) ? ClientAuth.REQUIRED
                        : ClientAuth.REQUEST));
        return options;
    }
}
