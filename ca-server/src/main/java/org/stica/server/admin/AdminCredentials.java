package org.stica.server.admin;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

/**
 * Who presents which credential to the admin API (issue 6): a bearer API key (resolved by
 * {@link ApiKeyAuthenticator}) or, on a TLS admin port, a client certificate whose subject is
 * mapped to a role ({@code admin.tls.clientRoles}; the TLS layer already checked it chains to
 * {@code admin.tls.clientCaFile}). A bearer header wins over the certificate; bearer keys can be
 * switched off on a TLS port ({@code admin.tls.bearerKeys=false}).
 */
final class AdminCredentials {
    private static final String BEARER = "Bearer ";

    /** The outcome: a principal, or the reason there is none; never a secret. */
    record Resolution(Optional<AdminPrincipal> principal, String credential, String reason) {
    }

    private final ApiKeyAuthenticator keys;
    /** Canonical subject ({@link X500Principal#CANONICAL}) → role. */
    private final Map<String, AdminRole> certificateRoles;
    private final boolean bearerKeys;

    AdminCredentials(ApiKeyAuthenticator keys, Map<X500Principal, AdminRole> certificateRoles,
                     boolean bearerKeys) {
        this.keys = keys;
        this.certificateRoles = certificateRoles.entrySet().stream().collect(
                Collectors.toUnmodifiableMap(e -> e.getKey().getName(X500Principal.CANONICAL),
                        Map.Entry::getValue));
        this.bearerKeys = bearerKeys;
    }

    /** Whether any credential can succeed (bootstrap token or mapped client certificates). */
    boolean enabled() {
        return keys.enabled() || !certificateRoles.isEmpty();
    }

    Future<Resolution> resolve(RoutingContext ctx) {
        Optional<String> bearer = bearer(ctx);
        if (bearer.isPresent()) {
            if (!bearerKeys) {
                return Future.succeededFuture(new Resolution(Optional.empty(), "bearer",
                        "bearer keys are disabled on this port; present a client certificate"));
            }
            return keys.authenticate(bearer.get()).map(p -> new Resolution(p, "bearer",
                    p.isPresent() ? "" : "unknown or revoked API key"));
        }
        Optional<X509Certificate> client = clientCertificate(ctx);
        if (client.isEmpty()) {
            return Future.succeededFuture(new Resolution(Optional.empty(), "none",
                    "no credentials"));
        }
        X500Principal subject = client.get().getSubjectX500Principal();
        AdminRole role = certificateRoles.get(subject.getName(X500Principal.CANONICAL));
        Optional<AdminPrincipal> principal = Optional.ofNullable(role)
                .map(r -> new AdminPrincipal("mtls:" + subject.getName(), r));
        return Future.succeededFuture(new Resolution(principal, "client-certificate",
                principal.isPresent() ? "" : "client certificate subject '" + subject.getName()
                        + "' is not mapped to a role"));
    }

    private static Optional<String> bearer(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        boolean bearer = header != null
                && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
        return bearer ? Optional.of(header.substring(BEARER.length()).trim()) : Optional.empty();
    }

    private static Optional<X509Certificate> clientCertificate(RoutingContext ctx) {
        if (!ctx.request().isSSL()) {
            return Optional.empty();
        }
        SSLSession session = ctx.request().sslSession();
        try {
            List<Certificate> chain = session == null ? List.of()
                    : List.of(session.getPeerCertificates());
            return chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf)
                    ? Optional.empty() : Optional.of(leaf);
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }
}
