package org.stica.loadgen;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** The URLs of an ACME directory (RFC 8555 §7.1.1) the flows use. */
public record Directory(String newNonce, String newAccount, String newOrder) {

    static Future<Directory> fetch(Http http, String url) {
        return http.get(url).compose(response -> {
            if (response.statusCode() != 200) {
                return Future.failedFuture(new IllegalStateException("directory " + url
                        + " answered HTTP " + response.statusCode()));
            }
            JsonObject d = response.body().toJsonObject();
            return Future.succeededFuture(new Directory(d.getString("newNonce"),
                    d.getString("newAccount"), d.getString("newOrder")));
        });
    }
}
