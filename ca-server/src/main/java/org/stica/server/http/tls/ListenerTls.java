package org.stica.server.http.tls;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.vertx.core.http.HttpServerOptions;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What every TLS listener speaks (issue 17): TLS 1.2 and 1.3 only; Netty's HTTP/2 cipher list
 * ({@link Http2SecurityUtil#CIPHERS}: the Mozilla "modern" suites, ECDHE with AES-GCM or
 * ChaCha20-Poly1305 for TLS 1.2, and the TLS 1.3 suites), so no CBC, RSA key exchange or
 * SHA-1 MAC is offered; HTTP/2 and HTTP/1.1 through ALPN (RFC 7301). The key material is the
 * checked {@link TlsKeyPair}; {@link TlsReload} swaps it later.
 */
public final class ListenerTls {
    /** The protocol versions offered; TLS 1.1 and older are refused in the handshake. */
    public static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    private ListenerTls() {
    }

    /** {@code options} with TLS on, serving {@code pair}. */
    public static HttpServerOptions apply(HttpServerOptions options, TlsKeyPair pair) {
        options.setSsl(true).setUseAlpn(true).setKeyCertOptions(pair.keyCertOptions())
                .setEnabledSecureTransportProtocols(new LinkedHashSet<>(PROTOCOLS));
        Http2SecurityUtil.CIPHERS.forEach(options::addEnabledCipherSuite);
        return options;
    }
}
