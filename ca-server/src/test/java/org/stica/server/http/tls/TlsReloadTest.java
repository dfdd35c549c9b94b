package org.stica.server.http.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stica.server.config.Connections;
import org.stica.server.config.TlsFiles;
import org.stica.server.http.ConnectionGuard;
import org.stica.server.http.PublicServerVerticle;
import org.stica.testing.LogCapture;
import org.stica.testing.RawHttp;
import org.stica.testing.TestTls;

/**
 * HTTPS listeners as the public port runs them (issue 17): three servers sharing one socket on
 * their own event loops, under one connection guard. TLS 1.3 by default, TLS 1.2 only with
 * ECDHE and AEAD suites, HTTP/2 through ALPN; a certificate replaced on disk is served to every
 * new connection on every server while an open connection keeps working; a bad new pair is
 * refused with one warning and the old one kept; half a request line over TLS is closed after
 * the header timeout.
 */
class TlsReloadTest {
    private static final Duration HEADER_TIMEOUT = Duration.ofMillis(800);

    @TempDir
    Path dir;
    private Vertx vertx;
    private TestTls ca;
    private TlsFiles files;
    private X509Certificate first;
    private ServerGroup servers;
    private TlsReload reload;
    private int port;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        ca = TestTls.create(dir);
        files = new TlsFiles(dir.resolve("server.pem"), dir.resolve("server.key"));
        first = ca.issue(files.certFile(), files.keyFile());
        TlsKeyPair pair = TlsKeyPair.read(files, Instant.now());
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ConnectionGuard guard = new ConnectionGuard(vertx, new Connections(HEADER_TIMEOUT,
                Duration.ofSeconds(30), 100, 100));
        HttpServerOptions options = ListenerTls.apply(guard.apply(new HttpServerOptions()
                .setHost("127.0.0.1").setPort(port)), pair);
        Handler<HttpServerRequest> ok = request -> request.response().end("ok");
        servers = new ServerGroup();
        servers.add(guard.guard(vertx.createHttpServer(options), ok).listen().await());
        vertx.deployVerticle(() -> new PublicServerVerticle(options, ok, guard, servers),
                new DeploymentOptions().setInstances(2)).await();
        reload = new TlsReload(vertx, "test port", pair, options.getSslOptions(), servers,
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void handshake_tls13ByDefault_tls12WithEcdheAeadOnly_h2ThroughAlpn() throws Exception {
        try (SSLSocket socket = connect()) {
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
        }
        try (SSLSocket socket = connect("TLSv1.2")) {
            String suite = socket.getSession().getCipherSuite();
            assertEquals("TLSv1.2", socket.getSession().getProtocol());
            assertTrue(suite.startsWith("TLS_ECDHE_") && (suite.contains("_GCM_")
                    || suite.contains("CHACHA20_POLY1305")), suite);
        }
        SSLSocket cbc = (SSLSocket) ca.clientContext().getSocketFactory().createSocket();
        cbc.setEnabledProtocols(new String[] {"TLSv1.2"});
        cbc.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
        cbc.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
        assertThrows(SSLHandshakeException.class, cbc::startHandshake, "CBC suite refused");
        cbc.close();
        try (SSLSocket socket = (SSLSocket) ca.clientContext().getSocketFactory()
                .createSocket("127.0.0.1", port)) {
            SSLParameters alpn = socket.getSSLParameters();
            alpn.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            socket.setSSLParameters(alpn);
            socket.startHandshake();
            assertEquals("h2", socket.getApplicationProtocol());
        }
    }

    @Test
    void replacedFiles_nextConnectionsGetTheNewCertificate_openConnectionKeepsWorking()
            throws Exception {
        assertEquals(3, servers.size(), "one server per event loop, all in the group");
        try (SSLSocket open = connect()) {
            assertEquals("ok", request(open));
            X509Certificate second = ca.issue(files.certFile(), files.keyFile());

            assertTrue(reload.check().await(), "the new pair is served");

            Set<X509Certificate> served = new HashSet<>();
            for (int i = 0; i < 9; i++) {
                try (SSLSocket next = connect()) {
                    served.add(peer(next));
                    assertEquals("ok", request(next));
                }
            }
            assertEquals(Set.of(second), served, "every server serves the new certificate");
            assertEquals(first, peer(open));
            assertEquals("ok", request(open), "the open connection keeps working");
            assertFalse(reload.check().await(), "unchanged files: nothing to do");
        }
    }

    @Test
    void mismatchedPair_isRefusedOnceWithAWarning_andTheOldOneKept() throws Exception {
        Path elsewhere = dir.resolve("elsewhere");
        java.nio.file.Files.createDirectories(elsewhere);
        // a new certificate whose key has not been written yet (half a renewal)
        ca.issue(files.certFile(), elsewhere.resolve("new.key"));
        try (LogCapture log = LogCapture.of(TlsReload.class.getName())) {
            assertFalse(reload.check().await());
            assertFalse(reload.check().await());

            assertEquals(1, log.messages(Level.WARN).size(), log.messages(Level.WARN).toString());
            assertTrue(log.messages(Level.WARN).get(0).contains("does not belong"),
                    log.messages(Level.WARN).get(0));
        }
        try (SSLSocket next = connect()) {
            assertEquals(first, peer(next), "still the old certificate");
        }
        X509Certificate fixed = ca.issue(files.certFile(), files.keyFile());
        assertTrue(reload.check().await());
        try (SSLSocket next = connect()) {
            assertEquals(fixed, peer(next));
        }
    }

    @Test
    void halfARequestLineOverTls_isClosedAfterTheHeaderTimeout_wholeRequestsServed()
            throws Exception {
        try (SSLSocket slow = connect(); Socket silent = new Socket("127.0.0.1", port)) {
            slow.setSoTimeout(5000);
            silent.setSoTimeout(5000);
            slow.getOutputStream().write("GET /slow HT".getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            try (SSLSocket fast = connect()) {
                assertEquals("ok", request(fast), "served meanwhile");
            }
            long started = System.nanoTime();
            assertEquals(-1, slow.getInputStream().read(), "half a request line: closed");
            assertEquals(-1, silent.getInputStream().read(), "no handshake: closed");
            long waited = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(waited < 4000, "closed after " + waited + " ms");
        }
    }

    private SSLSocket connect(String... protocols) throws IOException {
        SSLSocket socket = (SSLSocket) ca.clientContext().getSocketFactory()
                .createSocket("127.0.0.1", port);
        if (protocols.length > 0) {
            socket.setEnabledProtocols(protocols);
        }
        socket.setSoTimeout(5000);
        socket.startHandshake();
        return socket;
    }

    private static X509Certificate peer(SSLSocket socket) throws Exception {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }

    /** One GET on a kept-alive connection; answers the body of its 200 response. */
    private static String request(SSLSocket socket) throws IOException {
        RawHttp.Response response = RawHttp.get(socket, "/");
        assertEquals(200, response.status());
        return response.body();
    }
}
