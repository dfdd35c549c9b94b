package org.stica.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar stica-loadgen.jar}: N concurrent full ACME enrollments for a fixed time,
 * then a report (issuances/s, per-step and total p50/p95/p99, errors by kind) and one
 * {@code RESULT {json}} line.
 */
@Command(name = "stica-loadgen", mixinStandardHelpOptions = true,
        description = "Runs concurrent full ACME enrollments and reports throughput, latency and errors")
public final class LoadGenCommand implements Callable<Integer> {
    /** How a flow identifies itself and proves control. */
    public enum Mode { tnauth, dns }

    @Option(names = "--directory", required = true, description = "ACME directory URL")
    String directory;

    @Option(names = "--concurrency", defaultValue = "8", description = "concurrent flows (default ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
            description = "measured time, e.g. 30s (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
            description = "unmeasured time before it (default ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--settle-max", defaultValue = "0s", converter = DurationConverter.class,
            description = "extend the warm-up, by at most this long, while the generator's JIT or"
                    + " the --watch-pid server's (a JVM, read with jstat) still compiles for more"
                    + " than --settle-share of the time (default ${DEFAULT-VALUE}: off)")
    Duration settleMax;

    @Option(names = "--settle-share", defaultValue = "0.02", description = "compilation time"
            + " per wall-clock time under which a JIT counts as settled (default ${DEFAULT-VALUE})")
    double settleShare;

    @Option(names = "--mode", defaultValue = "tnauth",
            description = "tnauth (TNAuthList + tkauth-01 with SPC tokens) or dns (dns + http-01, e.g. Pebble)")
    Mode mode;

    @Option(names = "--spc", defaultValue = "1234", description = "SPC ordered in tnauth mode")
    String spc;

    @Option(names = "--token-url",
            description = "STI-PA token API, {spc} is replaced, e.g. http://127.0.0.1:8080/api/v1/account/{spc}/token")
    String tokenUrl;

    @Option(names = "--token-api-key", defaultValue = "${env:STICA_LOADGEN_API_KEY}",
            description = "the SP's API key for the token API (default: $STICA_LOADGEN_API_KEY)")
    String tokenApiKey;

    @Option(names = "--dns-domain", description = "dns mode: names are w<N>.<domain> (default: <random>.example.com)")
    String dnsDomain;

    @Option(names = "--poll-interval", defaultValue = "20ms", converter = DurationConverter.class,
            description = "pause between polls of a pending authorization or processing order")
    Duration pollInterval;

    @Option(names = "--request-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "an HTTP exchange with no answer for this long fails and is counted as an"
                    + " error (default ${DEFAULT-VALUE})")
    Duration requestTimeout;

    @Option(names = "--insecure", description = "trust any TLS certificate (Pebble's self-signed one)")
    boolean insecure;

    @Option(names = "--label", defaultValue = "", description = "name of this run in the report")
    String label;

    @Option(names = "--json-out", description = "also write the RESULT JSON to this file")
    Path jsonOut;

    @Option(names = "--watch-pid", description = "server process whose CPU time (utime+stime) and"
            + " peak VmRSS within the measured window are reported")
    String watchPid;

    @Option(names = "--watch-database", description = "command name of the database's processes"
            + " (postgres): their CPU time summed within the measured window is reported")
    String watchDatabase;

    @Option(names = "--database-stats", description = "the server's PostgreSQL database, e.g."
            + " postgresql://postgres@127.0.0.1:5432/stica: its statements (pg_stat_statements,"
            + " preloaded, with the extension created in that database), its tables' row"
            + " operations and the cluster's WAL within the measured window, per issuance")
    String databaseStats;

    @Option(names = "--clock-ticks", defaultValue = "100", description = "clock ticks per second of"
            + " /proc/<pid>/stat (getconf CLK_TCK; default ${DEFAULT-VALUE})")
    long clockTicks;

    @Option(names = "--chain-out", description = "write the last issued certificate chain (PEM) here")
    Path chainOut;

    private JsonObject result;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGenCommand()).execute(args));
    }

    /** The result of the last {@link #call()}, or null. */
    public JsonObject result() {
        return result;
    }

    @Override
    public Integer call() throws Exception {
        if (mode == Mode.tnauth && tokenUrl == null) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--mode tnauth needs --token-url (and --token-api-key)");
        }
        if (mode == Mode.dns && concurrency > 8) {
            System.err.println("warning: Pebble deadlocks beyond 8 concurrent flows with one name each");
        }
        Vertx vertx = Vertx.vertx();
        try {
            Http http = new Http(vertx, insecure, concurrency + 4, requestTimeout.toMillis());
            Stats stats = new Stats();
            Directory dir = Directory.fetch(http, directory).await(30, TimeUnit.SECONDS);
            TokenSource tokens = tokenUrl == null ? null
                    : new TokenSource(http, tokenUrl, spc, tokenApiKey);
            String domain = dnsDomain != null ? dnsDomain
                    : UUID.randomUUID().toString().substring(0, 8) + ".example.com";
            List<Worker> workers = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                AccountKey key = AccountKey.generate();
                Enrollment enrollment = mode == Mode.tnauth ? new TnAuthEnrollment(spc, tokens, key)
                        : new DnsEnrollment("w" + i + "." + domain);
                // a client per flow: its connections live on the flow's event loop, so no answer
                // is handed from another event-loop thread (a wake-up and a context switch each)
                Http own = new Http(vertx, insecure, 2, requestTimeout.toMillis());
                Worker w = new Worker(new AcmeClient(own, dir, key, stats), dir, enrollment, stats,
                        pollInterval.toMillis());
                workers.add(w);
                vertx.deployVerticle(w).await(30, TimeUnit.SECONDS);
            }
            JitSettle settle = new JitSettle(watchPid, settleShare, settleMax);
            settle.warmUp(warmup);
            if (!settle.settled()) {
                System.err.println("warning: a JIT was still compiling after the warm-up and "
                        + settleMax.toSeconds() + " s more (--settle-max)");
            }
            // the snapshots' own queries stay outside the CPU readings
            DatabaseStats database = databaseStats == null ? null
                    : new DatabaseStats(vertx, databaseStats);
            if (database != null) {
                database.start();
            }
            Usage usage = new Usage(watchPid, watchDatabase, clockTicks);
            stats.startWindow();
            usage.sampleUntil(System.nanoTime() + duration.toNanos());
            stats.endWindow();
            usage.finish();
            if (database != null) {
                database.finish();
            }
            workers.forEach(Worker::halt);
            // a flow finishes its enrollment first; against a hung server its exchange fails
            // within the request timeout; what was measured is reported either way
            long unfinished = 0;
            try {
                Future.join(workers.stream().map(Worker::finished).toList())
                        .await(requestTimeout.toMillis() + 30_000, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                unfinished = workers.stream().filter(w -> !w.finished().isComplete()).count();
                System.err.println("warning: " + unfinished + " flows did not finish after the run");
            }
            report(stats, workers, usage, database, unfinished, settle);
            return stats.issuances() > 0 ? 0 : 1;
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    private void report(Stats stats, List<Worker> workers, Usage usage, DatabaseStats database,
            long unfinished, JitSettle settle) throws Exception {
        double warmupSeconds = warmup.toMillis() / 1000.0 + settle.settleSeconds();
        result = usage.json(stats.issuances(), stats.json()).put("label", label).put("mode", mode.name())
                .put("unfinishedFlows", unfinished)
                .put("directory", directory).put("concurrency", concurrency)
                .put("warmupSeconds", warmupSeconds)
                .put("settleSeconds", settle.settleSeconds()).put("jitSettled", settle.settled());
        System.out.print(stats.table(String.format("%s%s %s, %d flows, warm-up %.0f s",
                label.isEmpty() ? "" : label + ": ", mode, directory, concurrency,
                warmupSeconds)));
        System.out.print(usage.text(stats.issuances()));
        if (database != null) {
            JsonObject statements = database.json(stats.issuances());
            result.put("databaseStatements", statements);
            System.out.print(DatabaseStats.text(statements));
        }
        System.out.println("RESULT " + result.encode());
        if (jsonOut != null) {
            Files.writeString(jsonOut, result.encode() + "\n");
        }
        if (chainOut != null) {
            String chain = workers.stream().map(Worker::lastChain).filter(c -> c != null)
                    .findFirst().orElse("");
            Files.writeString(chainOut, chain);
        }
    }
}
