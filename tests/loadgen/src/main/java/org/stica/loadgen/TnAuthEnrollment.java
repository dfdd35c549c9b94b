package org.stica.loadgen;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * TNAuthList order for one SPC answered by tkauth-01 with an SPC token in {@code atc} (RFC 9447,
 * RFC 9448). The token is obtained once for the worker's account and reused for every order:
 * RFC 9447 §3.3 lets the account that first presented a token present it again until it expires.
 */
final class TnAuthEnrollment implements Enrollment {
    private final byte[] tnAuthList;
    private final TokenSource tokens;
    private final AccountKey account;
    private final byte[] csr;
    private Future<String> response;

    TnAuthEnrollment(String spc, TokenSource tokens, AccountKey account) {
        this.tnAuthList = Csrs.tnAuthList(spc);
        this.tokens = tokens;
        this.account = account;
        this.csr = Csrs.shaken(Csrs.certificateKey(), tnAuthList);
    }

    @Override
    public JsonObject identifier() {
        return new JsonObject().put("type", "TNAuthList")
                .put("value", Base64.getUrlEncoder().withoutPadding().encodeToString(tnAuthList));
    }

    @Override
    public String challengeType() {
        return "tkauth-01";
    }

    @Override
    public Future<String> challengeResponse() {
        if (response == null || response.failed()) {
            response = tokens.token(tnAuthList, account)
                    .map(t -> FlattenedJws.payload(new JsonObject().put("atc", t)));
        }
        return response;
    }

    @Override
    public byte[] csr() {
        return csr;
    }
}
