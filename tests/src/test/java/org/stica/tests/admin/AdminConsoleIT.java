package org.stica.tests.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.shredzone.acme4j.Status;
import org.stica.server.demo.TnAuthCsr;
import org.stica.tests.support.Carrier;
import org.stica.tests.support.AdminHttp;
import org.stica.tests.support.StiCaHarness;
import org.stica.tests.support.TestStiPa;

/**
 * Issue 6 end to end: a carrier enrolls with acme4j, a token for another SPC is refused, the
 * certificate is revoked through the admin API; the audit trail holds each decision, the web
 * console (real headless Chromium) shows certificates, revocations, CRL status, trust anchors,
 * token-refusal reasons and the audit trail, and a row changed in SQL is reported by id. Issue
 * 17: the console's first page, the dashboard, charts issuances and token refusals per hour (the
 * screenshot shows the bars) with CRL and HSM state, and a full console visit leaves no
 * {@code admin.denied} record.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminConsoleIT {
    private static StiCaHarness h;
    private static String serial;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        // dual control on, so the console's approvals page has a pending request to approve
        h = StiCaHarness.start(java.util.Map.of("STICA_ADMIN_DUAL_CONTROL", "true"));
        Carrier carrier = Carrier.register(h.directoryUrl());
        byte[] der = Carrier.spcDer("1234");
        org.shredzone.acme4j.Order order = carrier.order(Carrier.base64Url(der));
        carrier.answer(order, "atc", h.pa.mint(TestStiPa.claims(Carrier.base64Padded(der),
                carrier.spkiFingerprint())));
        assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(15)));
        KeyPair key = TestStiPa.ecKey();
        order.execute(TnAuthCsr.build(key, der));
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(30)));
        X509Certificate leaf = order.getCertificate().getCertificate();
        serial = leaf.getSerialNumber().toString(16);

        org.shredzone.acme4j.Order refused = carrier.order(Carrier.base64Url(der));
        carrier.answer(refused, "atc", h.pa.mint(TestStiPa.claims(
                Carrier.base64Url(Carrier.spcDer("5678")), carrier.spkiFingerprint())));

        HttpResponse<String> revoked = admin("POST", "/admin/v1/certificates/" + serial
                + "/revoke", "{\"reason\":\"keyCompromise\"}");
        assertEquals(200, revoked.statusCode(), revoked.body());
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    @Order(1)
    void auditTrail_enrollment_recordsEachDecision() throws Exception {
        // STANDARDS.md §4.5 item 3: token validation with its decision and failing step,
        // issuance, revocation, admin access.
        // outbox events (issuance, token acceptance) are chained within ~100 ms: polled
        JsonArray items = new JsonArray();
        String types = "";
        for (int i = 0; i < 100 && !(types.contains("certificate.issued")
                && types.contains("spc-token.accepted")); i++) {
            if (i > 0) {
                Thread.sleep(50);
            }
            items = new JsonObject(admin("GET", "/admin/v1/audit-events?limit=500", null)
                    .body()).getJsonArray("items");
            types = items.stream().map(e -> ((JsonObject) e).getString("type")).toList()
                    .toString();
        }

        for (String type : new String[] {"spc-token.accepted", "spc-token.refused",
                "certificate.issued", "certificate.revoked", "admin.authorized"}) {
            assertTrue(types.contains(type), type + " missing from " + types);
        }
        JsonObject issued = items.stream().map(JsonObject.class::cast)
                .filter(e -> "certificate.issued".equals(e.getString("type"))).findFirst()
                .orElseThrow();
        assertEquals(serial, issued.getString("subject"));
        JsonObject refusal = items.stream().map(JsonObject.class::cast)
                .filter(e -> "spc-token.refused".equals(e.getString("type"))).findFirst()
                .orElseThrow();
        assertTrue(refusal.getJsonObject("details").getString("reason").length() > 0);
    }

    @Test
    @Order(3)
    void console_mainPages_showDataFromTheApi() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.signIn(h.adminUrl(), h.adminToken());
            browser.click("a[data-page=certificates]");
            browser.awaitPage("certificates");
            assertTrue(browser.text("#certificates-table").contains(serial));
            assertEquals(h.adminToken(), browser.script(
                    "return sessionStorage.getItem('stica.adminKey')"));
            assertNull(browser.script("return localStorage.getItem('stica.adminKey')"));

            browser.click("a[data-page=revocations]");
            browser.awaitPage("revocations");
            assertTrue(browser.text("#revocations-table").contains(serial));

            browser.click("a[data-page=crl]");
            browser.awaitPage("crl");
            assertTrue(browser.text("#crl-table").contains("nextUpdate"));

            browser.click("a[data-page=trust]");
            browser.awaitPage("trust");
            assertTrue(browser.text("#trust-table").contains("CN="),
                    browser.text("#trust-table"));
            assertTrue(browser.text("#x5u-table").contains(h.pa.x5uPrefix()));

            browser.click("a[data-page=refusals]");
            browser.awaitPage("refusals");
            assertTrue(browser.text("#refusal-reasons").matches("(?s).*[A-Z_]{4,}\\s+1.*"),
                    browser.text("#refusal-reasons"));

            browser.click("a[data-page=audit]");
            browser.awaitPage("audit");
            assertTrue(browser.text("#audit-table").contains("certificate.issued"));
            browser.click("#verify");
            browser.await("return document.getElementById('verify-result').textContent",
                    t -> String.valueOf(t).startsWith("intact"));
            assertEquals("result intact", browser.script(
                    "return document.getElementById('verify-result').className"));

            browser.click("#logout");
            assertNull(browser.script("return sessionStorage.getItem('stica.adminKey')"));
        }
    }

    @Test
    @Order(2)
    void console_dashboard_drawsTheActivityChartAndTheStatus() throws Exception {
        // Issue 17: the first page charts issuances and token refusals per hour over the last
        // day (the enrollment and the refused token of the set-up) and shows CRL and HSM state.
        JsonObject totals = new JsonObject(admin("GET", "/admin/v1/stats/activity?hours=24",
                null).body()).getJsonObject("totals");
        long issued = totals.getLong("issuances");
        long refused = totals.getJsonObject("refusals").stream()
                .mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
        assertTrue(issued >= 1 && refused >= 1, totals.encode());
        String crlNumber = new JsonObject(admin("GET", "/admin/v1/crls", null).body())
                .getString("number");
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.signIn(h.adminUrl(), h.adminToken());

            String status = browser.text("#dashboard-status");
            assertTrue(status.matches("(?s).*Database\\s+ok.*HSM\\s+ok.*"), status);
            assertTrue(status.contains("CRL number " + crlNumber), status);
            assertTrue(status.matches("(?s).*CRL next update \\S+ \\(in .*"), status);
            // the bars drawn add up to what the API counts, refusals by reason
            assertEquals(issued, ((Number) browser.script(sumOf("rect.bar.issuances")))
                    .longValue());
            assertEquals(refused, ((Number) browser.script(sumOf("rect.bar.refusals")))
                    .longValue());
            for (String reason : totals.getJsonObject("refusals").fieldNames()) {
                assertTrue(browser.text("#activity-legend").contains(reason + ": "),
                        browser.text("#activity-legend"));
            }
            // and they are painted: the screenshot shows each series' colour
            BufferedImage chart = ImageIO.read(new ByteArrayInputStream(
                    browser.screenshot("#activity-chart")));
            assertTrue(chart.getWidth() > 300 && chart.getHeight() > 100,
                    chart.getWidth() + "x" + chart.getHeight());
            for (String bar : new String[] {"rect.bar.issuances", "rect.bar.refusals"}) {
                int rgb = colour(String.valueOf(browser.script("return getComputedStyle("
                        + "document.querySelector('#activity-chart " + bar + "')).fill")));
                assertTrue(pixels(chart, rgb) > 100, bar + " is not painted in the screenshot");
            }
        }
    }

    /** A script summing the data-count of the chart's bars that {@code css} selects. */
    private static String sumOf(String css) {
        return "return [...document.querySelectorAll('#activity-chart " + css + "')]"
                + ".reduce((sum, r) => sum + Number(r.dataset.count), 0)";
    }

    /** {@code rgb(26, 127, 55)} as 0xRRGGBB. */
    private static int colour(String css) {
        String[] parts = css.replaceAll("[^0-9,]", "").split(",");
        return Integer.parseInt(parts[0]) << 16 | Integer.parseInt(parts[1]) << 8
                | Integer.parseInt(parts[2]);
    }

    /** How many pixels of {@code image} have colour {@code rgb} (each channel within 3). */
    private static int pixels(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                boolean near = true;
                for (int shift = 0; shift <= 16; shift += 8) {
                    near &= Math.abs((p >> shift & 0xff) - (rgb >> shift & 0xff)) <= 3;
                }
                n += near ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    @Order(4)
    void console_fullVisit_addsNoDeniedRecord() throws Exception {
        // Issue 17: a console visit (its files, the favicon, every page, a reload) leaves no
        // admin.denied record in the security trail.
        int before = deniedRecords();
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.signIn(h.adminUrl(), h.adminToken());
            JsonArray pages = (JsonArray) browser.script("return [...document"
                    + ".querySelectorAll('nav a[data-page]')].map((a) => a.dataset.page)");
            assertTrue(pages.size() >= 11 && "dashboard".equals(pages.getString(0)),
                    pages.encode());
            for (Object page : pages) {
                browser.script("document.body.dataset.loaded = 'leaving'");
                browser.click("a[data-page=" + page + "]");
                browser.awaitPage(String.valueOf(page));
            }
            browser.script("document.body.dataset.loaded = 'reloading'; location.reload()");
            browser.awaitPage(pages.getString(pages.size() - 1));
            browser.open(h.adminUrl() + "/admin/console#certificates");
            browser.awaitPage("certificates");
            assertEquals(Boolean.TRUE, browser.script("return [...document.styleSheets]"
                    + ".length === 1 && typeof window.StiCaChart === 'object'"
                    + " && typeof window.StiCaRcd === 'object'"),
                    "the console's style sheet and scripts loaded");
        }
        assertEquals(before, deniedRecords(), "admin.denied records added by a console visit");
        // the count does see a denial: an API call without a key is one
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(
                h.adminUrl() + "/admin/v1/stats/activity")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertEquals(before + 1, deniedRecords());
    }

    private static int deniedRecords() throws Exception {
        return new JsonObject(admin("GET", "/admin/v1/audit-events?type=admin.denied&limit=500",
                null).body()).getJsonArray("items").size();
    }

    @Test
    @Order(5)
    void console_actions_publishCrl_fetchPaCrl_listKeys_andApproveAnotherAdminsRequest()
            throws Exception {
        String before = new JsonObject(admin("GET", "/admin/v1/crls", null).body())
                .getString("number");
        // a dual-control request of the harness's admin, to be approved by a second admin (not
        // repeated with Approval-Id, so no rollover runs)
        HttpResponse<String> requested = admin("POST", "/admin/v1/ca/intermediates/rollover",
                "{}");
        assertEquals(202, requested.statusCode(), requested.body());
        String approval = new JsonObject(requested.body()).getString("id");
        HttpResponse<String> created = admin("POST", "/admin/v1/api-keys",
                "{\"name\":\"second admin\",\"role\":\"admin\"}");
        assertEquals(201, created.statusCode(), created.body());
        String secondKey = new JsonObject(created.body()).getString("secret");

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.signIn(h.adminUrl(), secondKey);

            browser.click("a[data-page=crl]");
            browser.awaitPage("crl");
            browser.click("#publish-crl");
            String published = browser.awaitResult("publish-crl");
            String number = new JsonObject(admin("GET", "/admin/v1/crls", null).body())
                    .getString("number");
            assertEquals("published CRL number " + number, published);
            assertTrue(new java.math.BigInteger(number).compareTo(
                    new java.math.BigInteger(before)) > 0, before + " → " + number);

            browser.click("a[data-page=trust]");
            browser.awaitPage("trust");
            // the harness configures no STI-PA CRL URL: the problem's detail is shown as an error
            browser.click("#refresh-pa-crl");
            assertEquals("no STI-PA CRL URL is configured (pa.crlUrl)",
                    browser.awaitResult("refresh-pa-crl"));
            assertEquals("result error", browser.script(
                    "return document.getElementById('refresh-pa-crl-result').className"));

            browser.click("a[data-page=keys]");
            browser.awaitPage("keys");
            assertTrue(browser.text("#keys-table").contains("intermediate"),
                    browser.text("#keys-table"));

            // the harness runs without the STI-PA role: the page says so instead of failing
            browser.click("a[data-page=providers]");
            browser.awaitPage("providers");
            assertEquals("The STI-PA role is not enabled on this server.",
                    browser.text("#content"));

            browser.click("a[data-page=approvals]");
            browser.awaitPage("approvals");
            assertTrue(browser.text("#approvals-table").contains(approval));
            browser.click("#approve-" + approval);
            assertTrue(browser.awaitResult("approve-" + approval).startsWith(approval
                    + " approved by"), browser.text("#approve-" + approval + "-result"));
        }
        // no longer pending, and the approval is in the audit trail under its id
        assertTrue(new JsonObject(admin("GET", "/admin/v1/approvals", null).body())
                .getJsonArray("items").stream().map(JsonObject.class::cast)
                .noneMatch(a -> approval.equals(a.getString("id"))));
        assertTrue(new JsonObject(admin("GET", "/admin/v1/audit-events?type="
                + "admin.approval-approved&limit=10", null).body()).getJsonArray("items")
                .stream().map(JsonObject.class::cast)
                .anyMatch(e -> approval.equals(e.getString("subject"))));
    }

    @Test
    @Order(6)
    void console_subscribers_createEditSuspendTerminate_andShowTheProblemOnBadInput()
            throws Exception {
        // Issue 15: the subscriber registry's console pages, with a legal name that carries
        // accents, quotes, a comma and a plus, under dual control (the harness turns it on).
        String name = "Télécom \"Nord\", Inc. + Co";
        HttpResponse<String> created = admin("POST", "/admin/v1/api-keys",
                "{\"name\":\"approver\",\"role\":\"admin\"}");
        String approver = new JsonObject(created.body()).getString("secret");
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.signIn(h.adminUrl(), h.adminToken());
            browser.click("a[data-page=subscribers]");
            browser.awaitPage("subscribers");

            // a bad country: the problem's detail is shown and nothing is created
            browser.type("#sub-legalName", name);
            browser.type("#sub-country", "XX");
            browser.type("#sub-spcs", "8301");
            browser.click("#sub-save");
            assertTrue(browser.awaitResult("sub-save").contains("ISO 3166-1 alpha-2"),
                    browser.text("#sub-save-result"));
            assertEquals("result error", browser.script(
                    "return document.getElementById('sub-save-result').className"));
            assertTrue(subscribers().isEmpty());

            browser.script("document.getElementById('sub-country').value = ''");
            browser.type("#sub-country", "FR");
            browser.type("#sub-state", "Île-de-France");
            browser.type("#sub-contacts", "mailto:noc@nord.example tel:+33-1-23-45-67-89");
            browser.click("#sub-save");
            assertTrue(browser.awaitResult("sub-save").startsWith("saved sub-"),
                    browser.text("#sub-save-result"));
            JsonObject subscriber = subscribers().getJsonObject(0);
            String id = subscriber.getString("id");
            assertEquals(name, subscriber.getString("legalName"));
            assertEquals("Île-de-France", subscriber.getString("state"));
            assertTrue(browser.text("#subscribers-table").contains(name),
                    browser.text("#subscribers-table"));

            // edit: a locality, a second SPC, the state cleared
            browser.click("#edit-" + id);
            assertEquals(name, browser.script(
                    "return document.getElementById('sub-legalName').value"));
            browser.script("document.getElementById('sub-state').value = ''");
            browser.type("#sub-locality", "Lille");
            browser.type("#sub-spcs", " 8302");
            browser.click("#sub-save");
            assertTrue(browser.awaitResult("sub-save").startsWith("saved " + id));
            subscriber = subscribers().getJsonObject(0);
            assertEquals("Lille", subscriber.getString("locality"));
            assertNull(subscriber.getString("state"));
            assertEquals(new JsonArray().add("8301").add("8302"), subscriber.getJsonArray("spcs"));
            assertEquals(name, subscriber.getString("legalName"));

            // suspend, then reactivate
            browser.click("#suspend-" + id);
            browser.await("return document.getElementById('subscribers-table').textContent",
                    t -> String.valueOf(t).contains("suspended"));
            assertEquals("suspended", subscribers().getJsonObject(0).getString("status"));
            browser.click("#reactivate-" + id);
            browser.await("return document.getElementById('subscribers-table').textContent",
                    t -> !String.valueOf(t).contains("suspended"));
            assertEquals("active", subscribers().getJsonObject(0).getString("status"));

            // terminate under dual control: requested, approved by a second admin, then run
            browser.click("#terminate-" + id);
            browser.click("#terminate-confirm-" + id);
            String requested = browser.awaitResult("terminate-confirm-" + id);
            assertTrue(requested.startsWith("approval apr-"), requested);
            String approval = requested.split(" ")[1];
            assertEquals("active", subscribers().getJsonObject(0).getString("status"));
            HttpResponse<String> approved = AdminHttp.send(h.adminUrl(), approver, "POST",
                    "/admin/v1/approvals/" + approval + "/approve", null);
            assertEquals(200, approved.statusCode(), approved.body());
            browser.click("#terminate-confirm-" + id);
            browser.await("return document.getElementById('subscribers-table').textContent",
                    t -> String.valueOf(t).contains("terminated"));
            assertEquals("terminated", subscribers().getJsonObject(0).getString("status"));
        }
        assertTrue(admin("GET", "/admin/v1/audit-events?type=subscriber.&limit=50", null).body()
                .contains("subscriber.terminated"));
    }

    /** The subscribers the console made (not the harness's own {@code test-carrier}). */
    private static JsonArray subscribers() throws Exception {
        JsonArray made = new JsonArray();
        new JsonObject(admin("GET", "/admin/v1/subscribers", null).body()).getJsonArray("items")
                .stream().map(JsonObject.class::cast)
                .filter(s -> !"test-carrier".equals(s.getString("id"))).forEach(made::add);
        return made;
    }

    @Test
    @Order(7)
    void verify_rowChangedInSql_isReportedWithItsId() throws Exception {
        // Issue 6: a tampered row is detected with its id.
        try (Connection c = DriverManager.getConnection(h.db.jdbcUrl(), h.db.user(),
                h.db.password()); Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.execute("UPDATE audit_event SET actor = 'mallory' WHERE id = 3");
        }

        JsonObject result = new JsonObject(admin("GET", "/admin/v1/audit-events/verify", null)
                .body());

        assertEquals("broken", result.getString("status"), result.encode());
        assertEquals(3, result.getInteger("firstBrokenId"));
    }

    private static HttpResponse<String> admin(String method, String path, String body)
            throws Exception {
        return AdminHttp.send(h.adminUrl(), h.adminToken(), method, path, body);
    }
}
