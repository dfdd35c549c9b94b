package org.stica.tests.fault;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.stica.loadgen.LoadGenCommand;
import picocli.CommandLine;

/**
 * Real enrollments (TNAuthList + tkauth-01 with SPC tokens from the server's own STI-PA token
 * API, finalize, download) by the project's load generator, in-process on a background thread.
 * A failed step is counted and the flow goes on after a short pause, so the load rides through
 * the faults; a request with no answer fails after {@link #REQUEST_TIMEOUT}.
 */
final class EnrollmentLoad {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final CompletableFuture<JsonObject> result;

    private EnrollmentLoad(CompletableFuture<JsonObject> result) {
        this.result = result;
    }

    /** Starts {@code flows} flows against {@code server} for {@code duration}. */
    static EnrollmentLoad start(ServerProcess server, String tokenServerUrl, String spc,
                                String apiKey, int flows, Duration duration) {
        List<String> args = new ArrayList<>(List.of("--directory", server.directoryUrl(),
                "--mode", "tnauth", "--spc", spc,
                "--token-url", tokenServerUrl + "/api/v1/account/{spc}/token",
                "--token-api-key", apiKey, "--concurrency", Integer.toString(flows),
                "--warmup", "0s", "--duration", duration.toMillis() + "ms",
                "--poll-interval", "20ms",
                "--request-timeout", REQUEST_TIMEOUT.toMillis() + "ms",
                "--label", server.name()));
        CompletableFuture<JsonObject> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                LoadGenCommand generator = new LoadGenCommand();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int exit = new CommandLine(generator).setErr(new PrintWriter(err, true))
                        .execute(args.toArray(String[]::new));
                JsonObject json = generator.result();
                if (json == null) {
                    json = new JsonObject().put("issuances", 0L).put("errorCount", -1L)
                            .put("failure", "exit " + exit + ": " + err);
                }
                result.complete(json);
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "enrollment-load-" + server.name());
        thread.setDaemon(true);
        thread.start();
        return new EnrollmentLoad(result);
    }

    /**
     * The generator's RESULT JSON (issuances, errorCount, errors by step and kind). Waits for the
     * run plus its drain (flows finish their enrollment, bounded by the request timeout).
     */
    JsonObject await(Duration runTime) throws Exception {
        return result.get(runTime.plus(REQUEST_TIMEOUT).plusSeconds(60).toMillis(),
                TimeUnit.MILLISECONDS);
    }
}
