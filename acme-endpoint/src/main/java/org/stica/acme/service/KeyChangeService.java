package org.stica.acme.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.text.ParseException;
import java.util.Map;
import org.stica.acme.jws.KeyChangeJwsCheck;
import org.stica.acme.jws.SignedRequest;
import org.stica.acme.model.Account;
import org.stica.acme.port.AcmeAuditSink;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.store.pg.KeyInUseException;
import org.stica.acme.store.pg.PgAccountStore;

/**
 * Account key rollover (RFC 8555 §7.3.5, STANDARDS.md §5.2.9): the outer JWS is signed by the
 * current key ({@code kid}); the inner JWS, signed by the new key, names the account URL (must
 * equal the outer {@code kid}) and the old key (must equal the current key). A new key that
 * already belongs to another account → 409 with that account's {@code Location}. The key is
 * swapped with a conditional update, so two concurrent changes cannot both win.
 */
public final class KeyChangeService {
    private final PgAccountStore accounts;
    private final ResourceUrls urls;
    private final KeyChangeJwsCheck inner = new KeyChangeJwsCheck();
    private final AcmeAuditSink audit;

    public KeyChangeService(PgAccountStore accounts, ResourceUrls urls, AcmeAuditSink audit) {
        this.accounts = accounts;
        this.urls = urls;
        this.audit = audit;
    }

    public Future<Account> change(SignedRequest request) {
        Account account = request.requireAccount();
        KeyChangeJwsCheck.Inner verified = inner.check(request.payload(), urls.keyChange());
        JsonObject payload = verified.payload();
        if (!urls.account(account.id()).equals(payload.getValue("account"))) {
            throw AcmeProblem.unauthorized("keyChange 'account' must be the URL of the signing"
                    + " account");
        }
        if (!(payload.getValue("oldKey") instanceof JsonObject oldKey)
                || !account.thumbprint().equals(thumbprint(oldKey))) {
            throw AcmeProblem.unauthorized("keyChange 'oldKey' is not the account's current key");
        }
        String newThumbprint = thumbprint(verified.newKey());
        if (newThumbprint.equals(account.thumbprint())) {
            throw AcmeProblem.malformed("the new key is the account's current key");
        }
        return accounts.findByThumbprint(newThumbprint).compose(holder -> {
            if (holder.isPresent()) {
                return Future.failedFuture(conflict(holder.get()));
            }
            return accounts.changeKey(account.id(), account.thumbprint(),
                            verified.newKey().toPublicJWK().toJSONString(), newThumbprint)
                    .recover(failure -> failure instanceof KeyInUseException
                            ? accounts.findByThumbprint(newThumbprint).compose(raced ->
                                    Future.failedFuture(raced.map(this::conflict)
                                            .orElse(AcmeProblem.malformed("key in use"))))
                            : Future.failedFuture(failure))
                    .map(changed -> changed.orElseThrow(() -> AcmeProblem.unauthorized(
                            "the account or its key changed meanwhile")))
                    .compose(changed -> audit.record("acme.account.key-changed", account.id(),
                            account.id(), Map.of("oldThumbprint", account.thumbprint(),
                                    "newThumbprint", newThumbprint)).map(changed));
        });
    }

    private AcmeProblem conflict(Account holder) {
        return AcmeProblem.conflict("the new key already belongs to another account",
                urls.account(holder.id()));
    }

    private static String thumbprint(JsonObject jwk) {
        try {
            return thumbprint(JWK.parse(jwk.getMap()));
        } catch (ParseException | RuntimeException e) {
            throw AcmeProblem.malformed("keyChange 'oldKey' is not a JWK");
        }
    }

    private static String thumbprint(JWK key) {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw AcmeProblem.malformed("cannot compute the key thumbprint");
        }
    }
}
