package org.stica.server.admin;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.stica.server.StiCaServer;
import org.stica.server.TestCa;

/**
 * A CA initialised and started for admin API tests, with a web client that sends JSON bodies and
 * bearer keys to its admin port.
 */
final class AdminTestServer implements AutoCloseable {
    final TestCa ca;
    final Vertx vertx;
    final StiCaServer server;
    final WebClient client;

    private AdminTestServer(TestCa ca) {
        this.ca = ca;
        StiCaServer.initCa(ca.config());
        this.vertx = Vertx.vertx();
        this.server = StiCaServer.start(vertx, ca.config()).await();
        this.client = WebClient.create(vertx);
    }

    static AdminTestServer start(TestCa ca) {
        return new AdminTestServer(ca);
    }

    /** {@code method path} on the admin port with {@code key} (none when null), JSON body. */
    HttpResponse<Buffer> send(String method, String path, String key, String body) {
        return send("http://127.0.0.1:" + server.adminPort(), method, path, key, body);
    }

    /** As {@link #send(String, String, String, String)} against another admin origin. */
    HttpResponse<Buffer> send(String base, String method, String path, String key,
                              String body) {
        HttpRequest<Buffer> request = client.requestAbs(HttpMethod.valueOf(method), base + path);
        if (key != null) {
            request.bearerTokenAuthentication(key);
        }
        return body == null ? request.send().await()
                : request.putHeader("Content-Type", "application/json")
                        .sendBuffer(Buffer.buffer(body)).await();
    }

    @Override
    public void close() {
        client.close();
        server.close().await();
        vertx.close().await();
        ca.close();
    }
}
