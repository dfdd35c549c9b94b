package org.stica.server.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which webhook URLs may be registered: https only; loopback http only when configured. */
class WebhookUrlPolicyTest {
    private final WebhookUrlPolicy strict = new WebhookUrlPolicy(false);
    private final WebhookUrlPolicy loopback = new WebhookUrlPolicy(true);

    @Test
    void problem_publicHttpsUrl_isAllowed() {
        assertEquals(Optional.empty(), strict.problem("https://hooks.carrier.example/stica?x=1"));
        assertEquals(Optional.empty(), strict.problem("https://203.0.113.7:8443/hook"));
    }

    @Test
    void problem_httpOrInternalTargets_areRefusedWithoutTheFlag() {
        for (String url : List.of("http://hooks.carrier.example/", "http://127.0.0.1:9000/h",
                "http://localhost/h", "https://127.0.0.1/h", "https://localhost/h",
                "https://10.1.2.3/h", "https://192.168.0.1/h", "https://169.254.169.254/latest",
                "https://[::1]/h", "https://[fd00::1]/h", "https://0.0.0.0/h",
                "https://999.1.1.1/h", "ftp://hooks.example/", "https://user:pw@hooks.example/",
                "https://hooks.example/#frag", "/relative", "", "https://" + "a".repeat(2100))) {
            assertTrue(strict.problem(url).isPresent(), url);
        }
    }

    @Test
    void problem_loopbackHttp_isAllowedOnlyWithTheFlag() {
        assertEquals(Optional.empty(), loopback.problem("http://127.0.0.1:9000/h"));
        assertEquals(Optional.empty(), loopback.problem("http://localhost:9000/h"));
        assertEquals(Optional.empty(), loopback.problem("http://[::1]:9000/h"));
        assertTrue(loopback.problem("http://hooks.carrier.example/").isPresent(),
                "only loopback hosts may use http");
        assertTrue(loopback.problem("http://10.0.0.1/").isPresent());
    }
}
