package org.stica.policy.token;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/** x5u allow-list (STANDARDS.md §3.5 step 3; RFC 9448 §6 step 2: https). */
class X5uPolicyTest {
    private final X5uPolicy policy = new X5uPolicy(List.of(
            "https://pa.test/download/v1/certificate",
            "https://Authenticate-API.iconectiv.com/",
            "http://localhost:8080/x5u/"));

    @ParameterizedTest
    @ValueSource(strings = {
        "https://pa.test/download/v1/certificate/certificateId_1.crt",
        "https://pa.test:443/download/v1/certificate/certificateId_1.crt",
        "https://PA.TEST/download/v1/certificate/a.crt",
        "https://authenticate-api.iconectiv.com/download/v1/certificate/certificateId_97574.crt",
        "http://localhost:8080/x5u/signer.pem",
    })
    void check_allowedUrl_passes(String url) {
        assertDoesNotThrow(() -> policy.check(URI.create(url)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // Host must match exactly, not as a string prefix.
        "https://pa.test.evil.com/download/v1/certificate/a.crt",
        "https://evilpa.test/download/v1/certificate/a.crt",
        // Path prefix ends at a segment boundary.
        "https://pa.test/download/v1/certificates/a.crt",
        "https://pa.test/download/v1/a.crt",
        // Port is part of the origin.
        "https://pa.test:8443/download/v1/certificate/a.crt",
        // RFC 9448 §6 step 2: https; http only under an explicit http prefix.
        "http://pa.test/download/v1/certificate/a.crt",
        "https://localhost:8080/x5u/signer.pem",
        "ftp://pa.test/download/v1/certificate/a.crt",
        "file:///etc/passwd",
        // STANDARDS.md §1.5 (Asterisk rules): no userinfo, query or fragment.
        "https://user@pa.test/download/v1/certificate/a.crt",
        "https://pa.test/download/v1/certificate/a.crt?x=1",
        "https://pa.test/download/v1/certificate/a.crt#f",
        // No path tricks.
        "https://pa.test/download/v1/certificate/../../admin",
        "https://pa.test/download/v1/certificate/%2e%2e/secret",
        "https://pa.test/download/v1/certificate/..%2Fsecret",
        "/download/v1/certificate/a.crt",
        "mailto:pa@pa.test",
        // SSRF (STANDARDS.md §3.5.3): only the host:port of an allowed prefix is contacted.
        "https://169.254.169.254/download/v1/certificate/a.crt",
        "https://pa.test.evil.test/download/v1/certificate/a.crt",
        "https://pa.test@evil.test/download/v1/certificate/a.crt",
        "https://pa.test:9443/download/v1/certificate/a.crt",
    })
    void check_disallowedUrl_refused(String url) {
        PolicyException e = assertThrows(PolicyException.class,
                () -> policy.check(URI.create(url)));
        assertEquals(Violation.TOKEN_X5U_NOT_ALLOWED, e.violation());
    }

    @Test
    void check_noPrefixesConfigured_refusesEverything() {
        // Fail closed (ARCHITECTURE.md rule 7).
        X5uPolicy empty = new X5uPolicy(List.of());
        PolicyException e = assertThrows(PolicyException.class,
                () -> empty.check(URI.create("https://pa.test/a.crt")));
        assertEquals(Violation.TOKEN_X5U_NOT_ALLOWED, e.violation());
    }

    @Test
    void constructor_prefixWithQueryOrOtherScheme_rejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new X5uPolicy(List.of("https://pa.test/?q=1")));
        assertThrows(IllegalArgumentException.class,
                () -> new X5uPolicy(List.of("ftp://pa.test/")));
        assertThrows(IllegalArgumentException.class, () -> new X5uPolicy(List.of("pa.test")));
    }
}
