package org.stica.tests.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Predicate;

/**
 * A real headless Chromium driven through Debian's {@code chromedriver} with the W3C WebDriver
 * protocol (plain HTTP + JSON, no client library): open a page, type, click, read text, run a
 * script, take a screenshot of an element. Test-side only; blocking calls from the JUnit thread.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    private final Process driver;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String session;

    private HeadlessChromium(Process driver, String base) throws Exception {
        this.driver = driver;
        this.base = base;
        JsonObject options = new JsonObject().put("binary", CHROMIUM.toString())
                .put("args", new JsonArray().add("--headless").add("--no-sandbox")
                        .add("--disable-gpu").add("--disable-background-networking")
                        .add("--disable-component-update").add("--no-first-run")
                        .add("--disable-dev-shm-usage"));
        JsonObject created = call("POST", "/session", new JsonObject().put("capabilities",
                new JsonObject().put("alwaysMatch", new JsonObject().put("browserName", "chrome")
                        .put("goog:chromeOptions", options))));
        this.session = created.getJsonObject("value").getString("sessionId");
    }

    /** Starts chromedriver on a free port and opens a browser session. */
    static HeadlessChromium start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("chromium and chromium-driver are required"
                    + " (apt-get install chromium chromium-driver; tests/bin/run-tests.sh does)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process process = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String base = "http://127.0.0.1:" + port;
        HttpClient probe = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try {
                HttpResponse<String> status = probe.send(HttpRequest.newBuilder(
                        URI.create(base + "/status")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (new JsonObject(status.body()).getJsonObject("value").getBoolean("ready")) {
                    break;
                }
            } catch (IOException notYet) {
                // chromedriver is still starting
            }
            if (Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IllegalStateException("chromedriver did not start");
            }
            Thread.sleep(100);
        }
        return new HeadlessChromium(process, base);
    }

    void open(String url) throws Exception {
        call("POST", "/session/" + session + "/url", new JsonObject().put("url", url));
    }

    void type(String css, String text) throws Exception {
        call("POST", "/session/" + session + "/element/" + find(css) + "/value",
                new JsonObject().put("text", text));
    }

    void click(String css) throws Exception {
        call("POST", "/session/" + session + "/element/" + find(css) + "/click", new JsonObject());
    }

    String text(String css) throws Exception {
        return call("GET", "/session/" + session + "/element/" + find(css) + "/text", null)
                .getString("value");
    }

    Object script(String js) throws Exception {
        return call("POST", "/session/" + session + "/execute/sync",
                new JsonObject().put("script", js).put("args", new JsonArray())).getValue("value");
    }

    /** A PNG of the element {@code css} selects, as the browser painted it. */
    byte[] screenshot(String css) throws Exception {
        return Base64.getDecoder().decode(call("GET", "/session/" + session + "/element/"
                + find(css) + "/screenshot", null).getString("value"));
    }

    /** Opens the console at {@code adminUrl}, signs in with {@code key}, awaits the dashboard. */
    void signIn(String adminUrl, String key) throws Exception {
        open(adminUrl + "/admin/console/");
        type("#key", key);
        click("#signin");
        awaitPage("dashboard");
    }

    /** Awaits the console page {@code page} loaded, and fails if it reported an error. */
    void awaitPage(String page) throws Exception {
        try {
            await("return document.body.dataset.loaded || ''", page::equals);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the page says: " + text("#status"), e);
        }
        String status = text("#status");
        if (!status.isEmpty()) {
            throw new AssertionError("the page reported an error: " + status);
        }
    }

    /** The outcome a console action button wrote next to itself, once no longer working. */
    String awaitResult(String id) throws Exception {
        String script = "return document.getElementById('" + id + "-result').textContent";
        await(script, t -> !String.valueOf(t).isEmpty()
                && !String.valueOf(t).startsWith("working"));
        return String.valueOf(script(script));
    }

    /** Grants the page a permission (WebDriver Permissions), e.g. {@code clipboard-read}. */
    void grant(String permission) throws Exception {
        call("POST", "/session/" + session + "/permissions", new JsonObject()
                .put("descriptor", new JsonObject().put("name", permission))
                .put("state", "granted"));
    }

    /** Polls {@code js} until its result satisfies {@code done} (10 s). */
    Object await(String js, Predicate<Object> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        Object last = null;
        while (Instant.now().isBefore(deadline)) {
            last = script(js);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + js + " (last: " + last + ")");
    }

    private String find(String css) throws Exception {
        JsonObject found = call("POST", "/session/" + session + "/element",
                new JsonObject().put("using", "css selector").put("value", css));
        return found.getJsonObject("value").getString(ELEMENT);
    }

    private JsonObject call(String method, String path, JsonObject body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.encode()));
        HttpResponse<String> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("WebDriver " + method + " " + path + " failed: "
                    + response.statusCode() + " " + response.body());
        }
        return new JsonObject(response.body());
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } catch (Exception ignored) {
            // the driver is killed below anyway
        } finally {
            driver.destroy();
        }
    }
}
