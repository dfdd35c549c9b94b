package org.stica.loadgen;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * SPC tokens from an STI-PA token API in the iconectiv shape (STANDARDS.md §4.1): {@code POST
 * <url with {spc}>} with the SP's API key in {@code Authorization} and
 * {@code {"atc":{tktype,tkvalue,ca,fingerprint}}}; the answer's {@code token}. The token is bound
 * to the account key's fingerprint, so the CA checks it exactly as in production.
 */
public final class TokenSource {
    private final Http http;
    private final String urlTemplate;
    private final String spc;
    private final String apiKey;

    TokenSource(Http http, String urlTemplate, String spc, String apiKey) {
        this.http = http;
        this.urlTemplate = urlTemplate;
        this.spc = spc;
        this.apiKey = apiKey;
    }

    public Future<String> token(byte[] tnAuthList, AccountKey account) {
        JsonObject body = new JsonObject().put("atc", new JsonObject()
                .put("tktype", "TNAuthList")
                .put("tkvalue", Base64.getEncoder().encodeToString(tnAuthList))
                .put("ca", false)
                .put("fingerprint", account.spkiFingerprint()));
        return http.post(urlTemplate.replace("{spc}", spc), "application/json", body.toBuffer(), null,
                apiKey).compose(response -> {
            String token = response.statusCode() == 200
                    ? AcmeClient.json(response).getString("token") : null;
            if (token == null) {
                return Future.failedFuture(AcmeClient.failure(response));
            }
            return Future.succeededFuture(token);
        });
    }
}
