package org.stica.server.http.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stica.server.config.TlsFiles;
import org.stica.testing.LogCapture;
import org.stica.testing.RawHttp;
import org.stica.testing.TestTls;

/**
 * A listener that requires client certificates (the admin port with
 * {@code admin.tls.clientCaFile}) trusts a replaced client CA file for new connections without
 * a restart; a file that holds no certificate is refused with one warning and the CAs trusted
 * before stay trusted.
 */
class ClientCaReloadTest {
    @TempDir
    Path dir;
    private Vertx vertx;
    private TestTls serverCa;
    private Path clientCaFile;
    private SSLContext clientOfA;
    private SSLContext clientOfB;
    private TestTls caB;
    private TlsReload reload;
    private int port;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        serverCa = TestTls.create(Files.createDirectories(dir.resolve("server")));
        TlsFiles files = new TlsFiles(dir.resolve("server.pem"), dir.resolve("server.key"));
        serverCa.issue(files.certFile(), files.keyFile());
        TestTls caA = TestTls.create(Files.createDirectories(dir.resolve("a")));
        caB = TestTls.create(Files.createDirectories(dir.resolve("b")));
        clientOfA = client(caA, "a");
        clientOfB = client(caB, "b");
        clientCaFile = dir.resolve("clients.pem");
        Files.copy(caA.caFile(), clientCaFile);
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        TlsKeyPair pair = TlsKeyPair.read(files, Instant.now());
        HttpServerOptions options = ListenerTls.apply(new HttpServerOptions()
                .setHost("127.0.0.1").setPort(port), pair)
                .setTrustOptions(new PemTrustOptions().addCertPath(clientCaFile.toString()))
                .setClientAuth(ClientAuth.REQUIRED);
        ServerGroup servers = new ServerGroup();
        servers.add(vertx.createHttpServer(options)
                .requestHandler(request -> request.response().end("ok")).listen().await());
        reload = new TlsReload(vertx, "admin port", pair, options.getSslOptions(), servers,
                Clock.systemUTC()).trustingClientsOf(clientCaFile);
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void replacedClientCaFile_newConnectionsTrustTheNewCa_only() throws Exception {
        assertTrue(accepted(clientOfA));
        assertFalse(accepted(clientOfB), "a client of another CA is refused");
        // the first check serves the file from memory, as read; unchanged after that
        assertTrue(reload.check().await());
        assertFalse(reload.check().await());
        assertTrue(accepted(clientOfA));

        TestTls.writePem(clientCaFile, caB.caCertificate());
        assertTrue(reload.check().await(), "the new client CA is trusted");

        assertTrue(accepted(clientOfB));
        assertFalse(accepted(clientOfA), "the replaced CA is no longer trusted");
    }

    @Test
    void clientCaFileWithoutCertificates_isRefusedOnceWithAWarning_andTheOldCaKept()
            throws Exception {
        assertTrue(reload.check().await());
        Files.writeString(clientCaFile, "not a certificate\n");
        try (LogCapture log = LogCapture.of(TlsReload.class.getName())) {
            assertFalse(reload.check().await());
            assertFalse(reload.check().await());

            assertEquals(1, log.messages(Level.WARN).size(), log.messages(Level.WARN).toString());
            assertTrue(log.messages(Level.WARN).get(0).contains("clients.pem"),
                    log.messages(Level.WARN).get(0));
        }
        assertTrue(accepted(clientOfA), "the CA trusted before still is");
        assertFalse(accepted(clientOfB));
    }

    /**
     * Whether the server takes a request from {@code client}: a refused client certificate
     * fails the handshake, or (TLS 1.3) the first exchange after it.
     */
    private boolean accepted(SSLContext client) {
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory()
                .createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            RawHttp.Response response = RawHttp.get(socket, "/");
            return response.status() == 200 && "ok".equals(response.body());
        } catch (IOException refused) {
            return false;
        }
    }

    /** A TLS client holding a certificate from {@code ca}, trusting the server's CA. */
    private SSLContext client(TestTls ca, String name) throws Exception {
        Path cert = dir.resolve(name + ".pem");
        Path key = dir.resolve(name + ".key");
        X509Certificate leaf = ca.issue(cert, key);
        PrivateKey privateKey;
        try (Reader reader = Files.newBufferedReader(key, StandardCharsets.US_ASCII);
             PEMParser pem = new PEMParser(reader)) {
            privateKey = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) pem.readObject());
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", privateKey, new char[0],
                new Certificate[] {leaf, ca.caCertificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(
                KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server-ca", serverCa.caCertificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
