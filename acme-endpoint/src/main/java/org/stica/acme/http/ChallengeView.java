package org.stica.acme.http;

import io.vertx.core.json.JsonObject;
import org.stica.acme.model.Challenge;
import org.stica.acme.service.ResourceUrls;

/**
 * The tkauth-01 challenge object (RFC 8555 §7.1.5, RFC 9448 §4):
 * {@code {"type":"tkauth-01","tkauth-type":"atc","url","token","status"}} plus {@code validated}
 * or {@code error}.
 */
final class ChallengeView {
    private final ResourceUrls urls;

    ChallengeView(ResourceUrls urls) {
        this.urls = urls;
    }

    JsonObject toJson(Challenge challenge) {
        JsonObject json = new JsonObject()
                .put("type", Challenge.TYPE)
                .put("tkauth-type", Challenge.TKAUTH_TYPE)
                .put("url", urls.challenge(challenge.id()))
                .put("token", challenge.token())
                .put("status", challenge.status().wire());
        challenge.validated().ifPresent(t -> json.put("validated", Times.format(t)));
        challenge.errorJson().ifPresent(e -> json.put("error", new JsonObject(e)));
        return json;
    }
}
