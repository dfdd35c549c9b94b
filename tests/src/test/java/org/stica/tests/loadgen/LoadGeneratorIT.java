package org.stica.tests.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.loadgen.LoadGenCommand;
import org.stica.tests.support.OpenSsl;
import org.stica.tests.support.StiCaHarness;
import picocli.CommandLine;

/**
 * The load generator (tests/loadgen) runs a few seconds of full enrollments against a harness
 * STI-CA in STI-PA role (SPC tokens from its token API, verified by the same server): issuances
 * completed, zero errors, each worker's token presented and recorded once per account, and an
 * issued chain that {@code openssl verify} accepts against the CA root.
 */
class LoadGeneratorIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static StiCaHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = StiCaHarness.start(Map.of("STICA_PA_ROLE_ENABLED", "true",
                "STICA_ACME_ORDERS_PER_HOUR", "100000"));
        h.db.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    }

    @AfterAll
    static void stop() throws Exception {
        StiCaHarness.closeChecked(h);
    }

    @Test
    void tnauthMode_fewSeconds_issuesRealCertificatesWithoutErrors() throws Exception {
        String apiKey = registerSp("7777");
        Path chain = Files.createTempFile(h.dataDir, "loadgen-chain", ".pem");
        LoadGenCommand generator = new LoadGenCommand();
        int exit = new CommandLine(generator).execute("--directory", h.directoryUrl(),
                "--mode", "tnauth", "--spc", "7777",
                "--token-url", h.server().publicUrl() + "/api/v1/account/{spc}/token",
                "--token-api-key", apiKey, "--concurrency", "4", "--warmup", "3s",
                "--duration", "8s", "--chain-out", chain.toString(),
                "--watch-pid", Long.toString(ProcessHandle.current().pid()),
                "--database-stats", h.db.url());
        JsonObject result = generator.result();

        assertEquals(0, exit, () -> "generator failed: " + result);
        assertEquals(0L, result.getLong("errorCount"), () -> "errors: " + result.getJsonObject("errors"));
        long issued = result.getLong("issuances");
        assertTrue(issued > 0, "no issuance completed");
        assertTrue(h.count("FROM certificate WHERE spc = '7777'") >= issued);
        // one token per worker, reused for every order of its account (RFC 9447 §3.3)
        assertEquals(4, h.count("FROM spc_token_use"));
        assertTrue(result.getJsonObject("server").getDouble("cpuSeconds") > 0);
        assertTrue(result.getJsonObject("steps").containsKey("challenge"));
        // what the database did per issuance (an enrollment sends about nine statements)
        JsonObject database = result.getJsonObject("databaseStatements");
        double statements = database.getDouble("statementsPerIssuance");
        assertTrue(statements > 5 && statements < 20, () -> "statements: " + database);
        assertTrue(database.getDouble("execMsPerIssuance") > 0, () -> "execution: " + database);
        assertTrue(database.getJsonArray("topStatements").size() > 5, () -> "top: " + database);
        JsonObject certificates = database.getJsonObject("tablesPerIssuance")
                .getJsonObject("certificate");
        assertTrue(certificates != null && certificates.getDouble("inserts") > 0.5,
                () -> "rows: " + database);

        Path root = h.dataDir.resolve("ca/root.pem");
        OpenSsl.Result verify = OpenSsl.run(List.of("openssl", "verify", "-CAfile", root.toString(),
                "-untrusted", chain.toString(), chain.toString()));
        assertEquals(0, verify.exitCode(), verify.output());
        assertTrue(verify.output().contains(": OK"), verify.output());
        OpenSsl.Result subject = OpenSsl.run(List.of("openssl", "x509", "-in", chain.toString(),
                "-noout", "-subject"));
        assertTrue(subject.output().contains("7777"), subject.output());
    }

    private static String registerSp(String spc) throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(
                        URI.create(h.adminUrl() + "/admin/v1/service-providers"))
                .header("Authorization", "Bearer " + h.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("spc", spc)
                        .put("name", "Load Telecom").put("scaAllowed", false)
                        .put("accountFingerprints", List.of()).encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        return new JsonObject(created.body()).getString("apiKey");
    }
}
