package org.stica.tests.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** An end-to-end test's admin API call: one request with a bearer key, answered as text. */
public final class AdminHttp {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AdminHttp() {
    }

    /** {@code method path} on the admin port at {@code adminUrl}, a JSON {@code body} or none. */
    public static HttpResponse<String> send(String adminUrl, String key, String method,
                                            String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(adminUrl + path))
                .header("Authorization", "Bearer " + key);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
