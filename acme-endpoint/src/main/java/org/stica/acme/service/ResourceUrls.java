package org.stica.acme.service;

import java.util.Optional;

/**
 * The URL of every ACME resource: {@code publicUrl + basePath + "/<resource>[/<id>]"}
 * (RFC 8555 §7.1). Account URLs double as JWS {@code kid} values (§6.2).
 */
public final class ResourceUrls {
    private final String publicUrl;
    private final String base;

    public ResourceUrls(String publicUrl, String basePath) {
        this.publicUrl = publicUrl;
        this.base = publicUrl + basePath;
    }

    public String directory() {
        return base + "/directory";
    }

    public String newNonce() {
        return base + "/new-nonce";
    }

    public String newAccount() {
        return base + "/new-account";
    }

    public String newOrder() {
        return base + "/new-order";
    }

    public String revokeCert() {
        return base + "/revoke-cert";
    }

    public String keyChange() {
        return base + "/key-change";
    }

    /** The ARI base URL (RFC 9773 §3); a certificate's info is at {@code renewalInfo/certID}. */
    public String renewalInfo() {
        return base + "/renewal-info";
    }

    public String account(String id) {
        return base + "/acct/" + id;
    }

    public String accountOrders(String id) {
        return base + "/acct/" + id + "/orders";
    }

    public String order(String id) {
        return base + "/order/" + id;
    }

    public String finalizeOrder(String id) {
        return base + "/order/" + id + "/finalize";
    }

    public String authz(String id) {
        return base + "/authz/" + id;
    }

    public String challenge(String id) {
        return base + "/chall/" + id;
    }

    public String certificate(String id) {
        return base + "/cert/" + id;
    }

    /** The absolute URL of a request path (with query), as the JWS {@code url} must state it. */
    public String absolute(String requestUri) {
        return publicUrl + requestUri;
    }

    /** The account id of a {@code kid}, when it is one of our account URLs. */
    public Optional<String> accountIdFromKid(String kid) {
        String prefix = base + "/acct/";
        if (!kid.startsWith(prefix)) {
            return Optional.empty();
        }
        String id = kid.substring(prefix.length());
        return id.isEmpty() || id.contains("/") ? Optional.empty() : Optional.of(id);
    }
}
