package org.stica.server.pa;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.stica.server.audit.AuditEvent;
import org.stica.server.audit.AuditLog;
import org.stica.server.http.HttpProblem;
import org.stica.server.pa.store.pg.PgServiceProviderStore;

/**
 * The SP registry use cases (STANDARDS.md §4.1 item 5, §4.5 item 4): create (returns the API key
 * once), read, update, revoke, and authenticate a token request. Revoking an SP stops token
 * issuance at once and, per {@code paRole.onSpRevoke}, revokes every issued certificate carrying
 * its SPC (reason privilegeWithdrawn, RFC 5280 §5.3.1) or leaves them to expire without renewal
 * (no new token can be obtained). Every change is audited.
 */
public final class ServiceProviderService {
    /** RFC 5280 §5.3.1 privilegeWithdrawn. */
    static final int PRIVILEGE_WITHDRAWN = 9;
    private static final Pattern FINGERPRINT =
            Pattern.compile("^SHA256 ([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$");

    private final PgServiceProviderStore store;
    private final SerialRevoker revoker;
    private final String onRevoke;
    private final Pattern spcPattern;
    private final AuditLog audit;
    private final Clock clock;

    public ServiceProviderService(PgServiceProviderStore store, SerialRevoker revoker,
                                  RegistryRules rules, AuditLog audit, Clock clock) {
        this.store = store;
        this.revoker = revoker;
        this.onRevoke = rules.onRevoke();
        this.spcPattern = rules.spcPattern();
        this.audit = audit;
        this.clock = clock;
    }

    /** What the registry enforces: SPC syntax and what revoking an SP does. */
    public record RegistryRules(Pattern spcPattern, String onRevoke) {
    }

    /** A created SP and its API key (shown once). */
    public record Created(ServiceProvider serviceProvider, String apiKey) {
    }

    public Future<List<ServiceProvider>> list() {
        return store.all();
    }

    public Future<ServiceProvider> get(String spc) {
        return store.find(spc).compose(found -> found.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(notFound(spc))));
    }

    public Future<Created> create(ServiceProvider requested, String actor) {
        validate(requested);
        String apiKey = ApiKeys.generate();
        ServiceProvider sp = new ServiceProvider(requested.spc(), requested.name(),
                ServiceProvider.Status.ACTIVE, requested.accountFingerprints(),
                requested.scaAllowed());
        return store.insert(sp, ApiKeys.hash(apiKey)).compose(inserted -> inserted
                ? audit.record(new AuditEvent("service-provider.created", actor, sp.spc(),
                        new JsonObject().put("name", sp.name()).put("scaAllowed",
                                sp.scaAllowed()))).map(new Created(sp, apiKey))
                : Future.failedFuture(new HttpProblem(409, "conflict",
                        "service provider " + sp.spc() + " is already registered")));
    }

    public Future<ServiceProvider> update(ServiceProvider changed, String actor) {
        validate(changed);
        return store.update(changed).compose(updated -> updated
                .map(sp -> audit.record(new AuditEvent("service-provider.updated", actor,
                        sp.spc(), new JsonObject().put("name", sp.name())
                        .put("scaAllowed", sp.scaAllowed())
                        .put("fingerprints", sp.accountFingerprints().size()))).map(sp))
                .orElseGet(() -> Future.failedFuture(notFound(changed.spc()))));
    }

    /** Revokes the SP; returns how many certificates were revoked (0 under no-renewal). */
    public Future<Integer> revoke(String spc, String actor) {
        return store.revoke(spc, clock.instant()).compose(revoked -> revoked
                ? audit.record(new AuditEvent("service-provider.revoked", actor, spc,
                        new JsonObject().put("onSpRevoke", onRevoke)))
                        .compose(v -> store.issuedSerials(spc))
                        .compose(serials -> certificatesOf(spc, serials, actor))
                : Future.failedFuture(new HttpProblem(409, "conflict",
                        "service provider " + spc + " is unknown or already revoked")));
    }

    /** The SP behind {@code spc} when {@code apiKey} is its key and it is active; else 403. */
    public Future<ServiceProvider> authenticate(String spc, String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return Future.failedFuture(forbidden("credentials are required"));
        }
        return store.findWithKeyHash(spc).compose(found -> {
            if (found.isEmpty() || !ApiKeys.matches(apiKey, found.get().getValue())) {
                return Future.failedFuture(forbidden("unknown account or bad credentials"));
            }
            ServiceProvider sp = found.get().getKey();
            if (sp.status() != ServiceProvider.Status.ACTIVE) {
                return Future.failedFuture(forbidden("the service provider is revoked"));
            }
            return Future.succeededFuture(sp);
        });
    }

    private Future<Integer> certificatesOf(String spc, List<String> serials, String actor) {
        if (!onRevoke.equals("revoke")) {
            return audit.record(new AuditEvent("service-provider.no-renewal", actor, spc,
                    new JsonObject().put("certificates", serials.size()))).map(0);
        }
        Future<Void> chain = Future.succeededFuture();
        for (String serial : serials) {
            chain = chain.compose(v -> revoker.revoke(serial, PRIVILEGE_WITHDRAWN,
                    "pa:service-provider-revoked"));
        }
        return chain.compose(v -> audit.record(new AuditEvent(
                "service-provider.certificates-revoked", actor, spc, new JsonObject()
                .put("certificates", serials.size()).put("serials", serials)))
                .map(serials.size()));
    }

    private void validate(ServiceProvider sp) {
        if (sp.spc() == null || !spcPattern.matcher(sp.spc()).matches()) {
            throw new HttpProblem(400, "malformed", "spc does not match " + spcPattern);
        }
        if (sp.name() == null || sp.name().isBlank() || sp.name().length() > 128) {
            throw new HttpProblem(400, "malformed", "name must be 1-128 characters");
        }
        for (String fingerprint : sp.accountFingerprints()) {
            if (!FINGERPRINT.matcher(fingerprint).matches()) {
                throw new HttpProblem(400, "malformed", "accountFingerprints entries must look"
                        + " like \"SHA256 AB:CD:...\" (32 bytes)");
            }
        }
    }

    private static HttpProblem notFound(String spc) {
        return new HttpProblem(404, "notFound", "no service provider " + spc);
    }

    static HttpProblem forbidden(String detail) {
        return new HttpProblem(403, "forbidden", detail);
    }
}
