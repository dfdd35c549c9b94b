package org.stica.tests.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.stica.policy.rcd.JwtClaimConstraints;
import org.stica.policy.rcd.JwtClaimConstraintsCodec;
import org.stica.policy.rcd.Rcd;
import org.stica.policy.rcd.Rcdi;
import org.stica.tests.support.AdminHttp;
import org.stica.tests.support.StiCaHarness;

/**
 * Issue 19, the console's RCD vetting page in a real headless Chromium: an operator reaches it
 * from the subscriber list, records a set (bad input is refused in plain words and records
 * nothing; a name with markup stays text), sees it pending, and is refused when approving it
 * himself (dual control, {@code sameApprover}); a second operator approves it, and the page
 * shows the ACME identifier the API gives (decoded here, its {@code rcdi} pins the name's
 * digest), copies it to the clipboard, and withdraws the set. An icon off the x5u allow-list
 * fails approval with the pointer named ({@code rcdResourceUnavailable}); that set is rejected.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RcdConsoleIT {
    private static final String SUBSCRIBER = "q-branch";
    private static final String SETS = "/admin/v1/subscribers/" + SUBSCRIBER + "/rcd-sets";
    private static final String NAME = "Q <b>Branch</b> Spy Gadgets";
    private static StiCaHarness h;
    private static String recorder;
    private static String approver;
    private static String recorded;

    @BeforeAll
    static void start() throws Exception {
        h = StiCaHarness.start();
        h.subscriber(SUBSCRIBER, "Q Branch Ltd", "GB", "8401");
        recorder = key("rcd recorder");
        approver = key("rcd approver");
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    @Order(1)
    void record_fromTheSubscriberView_isPending_andItsRecorderMayNotApproveIt() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.signIn(h.adminUrl(), recorder);
            browser.click("a[data-page=subscribers]");
            browser.awaitPage("subscribers");
            browser.click("#rcd-" + SUBSCRIBER);
            browser.awaitPage("rcd");
            assertEquals(SUBSCRIBER, browser.script(
                    "return document.getElementById('rcd-subscriber').value"));

            // no name, then an icon over http: refused in plain words, nothing recorded
            browser.click("#rcd-record");
            assertError(browser, "rcd-record", "Enter the caller name (nam): a set needs one.");
            browser.type("#rcd-nam", NAME);
            browser.type("#rcd-icn", "http://icons.example/q.png");
            browser.click("#rcd-record");
            assertError(browser, "rcd-record", "Not recorded: the icon URL (icn) must be an"
                    + " https URL (The value of the request body is invalid. Reason: String does"
                    + " not match pattern at #/icn).");
            assertTrue(sets().isEmpty(), sets().encode());

            browser.script("document.getElementById('rcd-icn').value = ''");
            browser.type("#rcd-apn", "12025551000");
            browser.type("#rcd-crn", "Gadget delivery\nProduct recall");
            browser.click("#rcd-record");
            String outcome = browser.awaitResult("rcd-record");
            assertTrue(outcome.startsWith("recorded rcd-") && outcome.endsWith("(pending): a"
                    + " second operator approves it"), outcome);
            recorded = outcome.split(" ")[1];

            JsonObject set = set(recorded);
            assertEquals("pending", set.getString("status"));
            assertEquals(new JsonObject().put("nam", NAME).put("apn", "12025551000"),
                    set.getJsonObject("rcd"));
            assertEquals(new JsonArray().add("Gadget delivery").add("Product recall"),
                    set.getJsonArray("crn"));
            String listed = browser.text("#rcd-sets-table");
            assertTrue(listed.contains(recorded) && listed.contains(NAME)
                    && listed.contains("pending"), listed);
            assertEquals(Boolean.TRUE, browser.script(
                    "return document.querySelector('#content b') === null"), "markup kept as text");
            assertEquals("#rcd/" + SUBSCRIBER + "/" + recorded, browser.script(
                    "return location.hash"));
            assertEquals(Rcd.fromJson(set.getJsonObject("rcd")).canonical(),
                    browser.text("#rcd-canonical"));
            assertTrue(browser.text("#rcd-set-table").contains("computed when a second operator"
                    + " approves the set"), browser.text("#rcd-set-table"));

            browser.click("#rcd-approve");
            assertError(browser, "rcd-approve", "Not approved: you recorded this set, and dual"
                    + " control needs a second operator. Someone signed in with another operator"
                    + " key must approve it.");
            assertEquals(set, set(recorded), "still pending, nothing stored");

            // the key lives in session storage only, never in the page
            assertEquals(Boolean.FALSE, browser.script("return document.documentElement"
                    + ".outerHTML.includes(sessionStorage.getItem('stica.adminKey'))"));
            assertEquals(0L, ((Number) browser.script("return localStorage.length")).longValue());
        }
    }

    @Test
    @Order(2)
    void approve_bySecondOperator_showsTheApisIdentifier_copiesIt_andWithdraws()
            throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.signIn(h.adminUrl(), approver);
            browser.grant("clipboard-read");
            browser.grant("clipboard-write");
            openSet(browser, recorded);
            browser.click("#rcd-approve");
            String outcome = browser.awaitResult("rcd-approve");
            JsonObject set = set(recorded);
            assertEquals("approved", set.getString("status"));
            assertEquals(recorded + " approved by " + set.getString("decidedBy"), outcome);

            String identifier = set.getJsonObject("identifier").getString("value");
            assertEquals(identifier, browser.text("#rcd-identifier"));
            assertTrue(browser.text("#rcd-set-table").contains("type JWTClaimConstraints"));
            assertEquals(Rcdi.fromJson(set.getJsonObject("rcdi")).canonical(),
                    browser.text("#rcd-rcdi"));
            assertTrue(browser.text("#rcd-set-table").contains("1.3.6.1.5.5.7.1.27"
                    + " JWTClaimConstraints"), browser.text("#rcd-set-table"));
            assertTrue(browser.text("#rcd-sets-table").contains("approved"));
            // the identifier decoded independently: its permitted rcdi is the one shown, and
            // /nam is the SHA-256 of the name as a JSON string, quotes included (RFC 9795 §6.1)
            JwtClaimConstraints constraints = JwtClaimConstraintsCodec.decode(
                    JwtClaimConstraintsCodec.ID_PE_27, Base64.getUrlDecoder().decode(identifier));
            assertEquals(List.of(browser.text("#rcd-rcdi")),
                    constraints.permitted("rcdi").orElseThrow());
            assertEquals("sha256-" + Base64.getEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(("\"" + NAME + "\"")
                            .getBytes(StandardCharsets.UTF_8))),
                    set.getJsonObject("rcdi").getString("/nam"));
            assertTrue(browser.text("#rcd-rcdi-table").contains("/apn"));
            assertFalse(shown(browser, "rcd-approve"), "an approved set has no Approve button");

            browser.click("#rcd-copy");
            assertEquals("copied to the clipboard", browser.awaitResult("rcd-copy"));
            assertEquals(identifier, browser.script("return navigator.clipboard.readText()"));

            browser.click("#rcd-withdraw");
            browser.click("#rcd-withdraw-confirm");
            assertEquals(recorded + " withdrawn by " + set.getString("decidedBy"),
                    browser.awaitResult("rcd-withdraw-confirm"));
            assertEquals("withdrawn", set(recorded).getString("status"));
            assertFalse(shown(browser, "rcd-withdraw"), "a withdrawn set is closed");
        }
    }

    @Test
    @Order(3)
    void approve_iconOffTheAllowList_namesThePointer_andTheSetIsRejected() throws Exception {
        HttpResponse<String> created = AdminHttp.send(h.adminUrl(), recorder, "POST", SETS,
                new JsonObject().put("nam", "Off list")
                        .put("icn", "https://icons.invalid/q.png").encode());
        assertEquals(201, created.statusCode(), created.body());
        String id = new JsonObject(created.body()).getString("id");
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.signIn(h.adminUrl(), approver);
            openSet(browser, id);
            browser.click("#rcd-approve");
            assertError(browser, "rcd-approve", "Not approved: the icon (/icn) at"
                    + " https://icons.invalid/q.png could not be fetched: the URL is not on the"
                    + " allow-list. The set stays pending; fix the resource (or the x5u"
                    + " allow-list) and approve again.");
            JsonObject pending = set(id);
            assertEquals("pending", pending.getString("status"));
            assertNull(pending.getValue("identifier"));

            browser.click("#rcd-reject");
            browser.click("#rcd-reject-confirm");
            assertTrue(browser.awaitResult("rcd-reject-confirm").startsWith(id + " rejected by"));
            assertEquals("rejected", set(id).getString("status"));
            assertFalse(shown(browser, "rcd-reject"), "a rejected set is closed");
        }
        assertTrue(AdminHttp.send(h.adminUrl(), h.adminToken(), "GET",
                "/admin/v1/audit-events?type=rcd.set.rejected", null).body().contains(id));
    }

    /** Opens the page of one set by its address, as a bookmark would. */
    private static void openSet(HeadlessChromium browser, String id) throws Exception {
        browser.script("document.body.dataset.loaded = 'leaving'");
        browser.open(h.adminUrl() + "/admin/console/#rcd/" + SUBSCRIBER + "/" + id);
        browser.awaitPage("rcd");
        assertTrue(browser.text("#rcd-set").contains("RCD set " + id), browser.text("#rcd-set"));
    }

    private static void assertError(HeadlessChromium browser, String id, String expected)
            throws Exception {
        assertEquals(expected, browser.awaitResult(id));
        assertEquals("result error", browser.script(
                "return document.getElementById('" + id + "-result').className"));
    }

    /** Whether the button {@code id} is rendered (not inside a hidden element). */
    private static boolean shown(HeadlessChromium browser, String id) throws Exception {
        return Boolean.TRUE.equals(browser.script(
                "return document.getElementById('" + id + "').offsetParent !== null"));
    }

    private static JsonArray sets() throws Exception {
        return new JsonObject(AdminHttp.send(h.adminUrl(), h.adminToken(), "GET", SETS, null)
                .body()).getJsonArray("items");
    }

    private static JsonObject set(String id) throws Exception {
        HttpResponse<String> response = AdminHttp.send(h.adminUrl(), h.adminToken(), "GET",
                SETS + "/" + id, null);
        assertEquals(200, response.statusCode(), response.body());
        return new JsonObject(response.body());
    }

    private static String key(String name) throws Exception {
        HttpResponse<String> created = AdminHttp.send(h.adminUrl(), h.adminToken(), "POST",
                "/admin/v1/api-keys", new JsonObject().put("name", name).put("role", "operator")
                        .encode());
        assertEquals(201, created.statusCode(), created.body());
        return new JsonObject(created.body()).getString("secret");
    }
}
