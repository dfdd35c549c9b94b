package org.stica.acme.service;

import com.nimbusds.jose.jwk.JWK;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.stica.acme.jws.EabJwsCheck;
import org.stica.acme.model.EabKey;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;
import org.stica.acme.store.pg.PgEabKeyStore;

/**
 * External account binding on newAccount (RFC 8555 §7.3.4, STANDARDS.md §5.2.8): when the
 * payload carries {@code externalAccountBinding}, the EAB key must exist, be unused and its MAC
 * verify (else unauthorized); when it carries none and the server requires one →
 * externalAccountRequired. The key is claimed single-use when the account is inserted.
 */
public final class ExternalAccountBinding {
    private final PgEabKeyStore keys;
    private final ResourceUrls urls;
    private final boolean required;
    private final EabJwsCheck check = new EabJwsCheck();

    public ExternalAccountBinding(PgEabKeyStore keys, ResourceUrls urls, boolean required) {
        this.keys = keys;
        this.urls = urls;
        this.required = required;
    }

    /** The verified EAB key of a newAccount payload; empty when none was given or needed. */
    public Future<Optional<EabKey>> verify(JsonObject payload, JWK accountKey) {
        if (!payload.containsKey("externalAccountBinding")) {
            return required ? Future.failedFuture(new AcmeProblem(
                    ProblemType.EXTERNAL_ACCOUNT_REQUIRED,
                    "this server requires an external account binding on newAccount"))
                    : Future.succeededFuture(Optional.empty());
        }
        EabJwsCheck.Binding binding = check.parse(payload.getValue("externalAccountBinding"),
                urls.newAccount(), accountKey);
        return keys.findByKid(binding.kid()).map(found -> {
            EabKey key = found.filter(k -> k.usedAt().isEmpty()).orElseThrow(() ->
                    AcmeProblem.unauthorized("external account binding key is unknown or"
                            + " already used"));
            check.verify(binding, key.hmacKey());
            return Optional.of(key);
        });
    }
}
