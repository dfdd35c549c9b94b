package org.stica.tests.pa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.stica.tests.support.StiCaHarness;

/** HTTP calls the PA-role tests share: the SPC token API and the admin API. */
final class PaApi {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PaApi() {
    }

    /** The {@code atc} request body of the token API (STANDARDS.md §4.1 item 3). */
    static JsonObject atc(String tkvalue, boolean ca, String fingerprint) {
        return new JsonObject().put("atc", new JsonObject().put("tktype", "TNAuthList")
                .put("tkvalue", tkvalue).put("ca", ca).put("fingerprint", fingerprint));
    }

    static HttpResponse<String> requestToken(String publicUrl, String ocn, String apiKey,
                                             JsonObject body) throws Exception {
        return post(publicUrl + "/api/v1/account/" + ocn + "/token", apiKey, body);
    }

    /** A JWTClaimConstraints token for {@code value} (issue 19: {@code .../jcc-token}). */
    static HttpResponse<String> requestClaimToken(String publicUrl, String ocn, String apiKey,
                                                  String value, String fingerprint)
            throws Exception {
        return post(publicUrl + "/api/v1/account/" + ocn + "/jcc-token", apiKey,
                new JsonObject().put("atc", new JsonObject().put("tktype", "JWTClaimConstraints")
                        .put("tkvalue", value).put("ca", false).put("fingerprint", fingerprint)));
    }

    static HttpResponse<String> post(String url, String apiKey, JsonObject body)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> admin(StiCaHarness h, String method, String path, String body)
            throws Exception {
        return admin(h, h.adminToken(), method, path, body);
    }

    /** An admin API call with the bearer {@code key} (an admin API key's secret). */
    static HttpResponse<String> admin(StiCaHarness h, String key, String method, String path,
                                      String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(h.adminUrl() + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Registers an SP and returns its token-API key. */
    static String createSp(StiCaHarness h, String spc, String name, boolean sca)
            throws Exception {
        HttpResponse<String> created = admin(h, "POST", "/admin/v1/service-providers",
                new JsonObject().put("spc", spc).put("name", name).put("scaAllowed", sca)
                        .encode());
        assertEquals(201, created.statusCode(), created.body());
        return new JsonObject(created.body()).getString("apiKey");
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static byte[] getBytes(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
    }
}
