package org.stica.acme.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stica.acme.jws.SignedRequest;
import org.stica.acme.model.Account;
import org.stica.acme.model.AccountStatus;
import org.stica.acme.model.EabKey;
import org.stica.acme.model.RandomIds;
import org.stica.acme.port.AcmeAuditSink;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;
import org.stica.acme.store.pg.EabKeyUsedException;
import org.stica.acme.store.pg.PgAccountStore;

/**
 * Accounts (RFC 8555 §7.3): newAccount keyed by the RFC 7638 thumbprint (an existing key returns
 * the existing account; {@code onlyReturnExisting} never creates), POST-as-GET, contact update
 * (§7.3.2) and deactivation (§7.3.6); a new account passes {@link ExternalAccountBinding} first
 * (§7.3.4).
 */
public final class AccountService {
    private final PgAccountStore accounts;
    private final ContactCheck contacts = new ContactCheck();
    private final Clock clock;
    private final ExternalAccountBinding binding;
    private final AcmeAuditSink audit;

    public AccountService(PgAccountStore accounts, Clock clock, ExternalAccountBinding binding,
                          AcmeAuditSink audit) {
        this.accounts = accounts;
        this.clock = clock;
        this.binding = binding;
        this.audit = audit;
    }

    public Future<AccountResult> newAccount(SignedRequest request) {
        JsonObject payload = request.jsonPayload();
        String thumbprint = thumbprint(request.key());
        boolean onlyExisting = Boolean.TRUE.equals(payload.getValue("onlyReturnExisting"));
        List<String> contact = payload.containsKey("contact")
                ? contacts.check(payload.getValue("contact")) : List.of();
        boolean tos = Boolean.TRUE.equals(payload.getValue("termsOfServiceAgreed"));
        return accounts.findByThumbprint(thumbprint).compose(existing -> {
            if (existing.isPresent()) {
                return Future.succeededFuture(new AccountResult(existing(existing.get()), false));
            }
            if (onlyExisting) {
                return Future.failedFuture(new AcmeProblem(ProblemType.ACCOUNT_DOES_NOT_EXIST,
                        "no account exists for this key"));
            }
            return binding.verify(payload, request.key()).compose(eab -> insert(new Account(
                    RandomIds.next(), request.key().toPublicJWK().toJSONString(), thumbprint,
                    AccountStatus.VALID, contact, tos, clock.instant(),
                    eab.map(EabKey::kid), eab.map(EabKey::label))));
        });
    }

    /** POST-as-GET, contact update or deactivation of the signer's own account. */
    public Future<Account> update(SignedRequest request, String accountId) {
        Account account = request.requireAccount();
        if (!account.id().equals(accountId)) {
            return Future.failedFuture(AcmeProblem.unauthorized(
                    "the account URL does not match the JWS kid"));
        }
        if (request.postAsGet()) {
            return Future.succeededFuture(account);
        }
        JsonObject payload = request.jsonPayload();
        if (payload.containsKey("status")) {
            if (!"deactivated".equals(payload.getValue("status"))) {
                throw AcmeProblem.malformed("an account can only be updated to status"
                        + " 'deactivated'");
            }
            return accounts.deactivate(accountId).map(AccountService::changed)
                    .compose(changed -> audit.record("acme.account.deactivated", accountId,
                            accountId, Map.of()).map(changed));
        }
        if (payload.containsKey("contact")) {
            List<String> contact = contacts.check(payload.getValue("contact"));
            return accounts.updateContact(accountId, contact).map(AccountService::changed);
        }
        return Future.succeededFuture(account);
    }

    private Future<AccountResult> insert(Account account) {
        return accounts.insertIfAbsent(account)
                .recover(failure -> Future.failedFuture(failure instanceof EabKeyUsedException
                        ? AcmeProblem.unauthorized("external account binding key already used")
                        : failure))
                .compose(inserted -> inserted.isPresent()
                ? recordCreated(inserted.get())
                : accounts.findByThumbprint(account.thumbprint())
                        .map(raced -> new AccountResult(raced.orElseThrow(), false)));
    }

    private Future<AccountResult> recordCreated(Account account) {
        Map<String, String> details = new HashMap<>();
        details.put("thumbprint", account.thumbprint());
        account.eabKid().ifPresent(kid -> details.put("eabKid", kid));
        account.eabLabel().ifPresent(label -> details.put("eabLabel", label));
        return audit.record("acme.account.created", account.id(), account.id(), details)
                .map(new AccountResult(account, true));
    }

    /** RFC 8555 §7.3.6: a deactivated account's key is refused, also on newAccount. */
    private static Account existing(Account account) {
        if (account.status() != AccountStatus.VALID) {
            throw AcmeProblem.withStatus(ProblemType.UNAUTHORIZED,
                    "account is " + account.status().wire(), 401);
        }
        return account;
    }

    private static Account changed(Optional<Account> account) {
        return account.orElseThrow(() -> AcmeProblem.withStatus(ProblemType.UNAUTHORIZED,
                "account is no longer valid", 401));
    }

    private static String thumbprint(JWK key) {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new AcmeProblem(ProblemType.BAD_PUBLIC_KEY, "cannot compute the key thumbprint");
        }
    }
}
