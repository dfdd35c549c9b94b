package org.stica.acme.jws;

import com.nimbusds.jose.jwk.JWK;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.stica.acme.model.Account;
import org.stica.acme.problem.AcmeProblem;

/**
 * A request whose JWS passed every check: the verified key, the account when signed with
 * {@code kid}, the payload, and its nonce (recorded as used already, or still to be recorded by
 * the handler's first statement: {@link RequestNonce}). {@code postAsGet} is true for an empty
 * payload (RFC 8555 §6.3).
 */
public record SignedRequest(JWK key, Optional<Account> account, byte[] payload,
                            RequestNonce nonce) {

    public SignedRequest {
        payload = payload.clone();
    }

    /** A request whose nonce was recorded as used before it got here. */
    public SignedRequest(JWK key, Optional<Account> account, byte[] payload) {
        this(key, account, payload, RequestNonce.redeemed());
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public boolean postAsGet() {
        return payload.length == 0;
    }

    /** The account of a {@code kid}-signed request. */
    public Account requireAccount() {
        return account.orElseThrow(() -> AcmeProblem.malformed("request must be signed with kid"));
    }

    /** The payload as a JSON object, else malformed. */
    public JsonObject jsonPayload() {
        try {
            return new JsonObject(new String(payload, StandardCharsets.UTF_8));
        } catch (DecodeException | ClassCastException | NullPointerException e) {
            throw AcmeProblem.malformed("JWS payload is not a JSON object");
        }
    }

    /** Requires a POST-as-GET (empty payload, RFC 8555 §6.3), else malformed. */
    public void requirePostAsGet() {
        if (!postAsGet()) {
            throw AcmeProblem.malformed("this resource only accepts POST-as-GET (empty payload)");
        }
    }
}
