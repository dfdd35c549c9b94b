package org.stica.server.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import com.nimbusds.jose.JWSObject;
import org.stica.policy.PolicyException;
import org.stica.policy.rcd.RcdResourceFetcher;
import org.stica.policy.rcd.RcdVerification;
import org.stica.policy.rcd.RuleVerdict;
import org.stica.policy.token.X5uPolicy;
import org.stica.server.passport.HttpsRcdResourceFetcher;
import org.stica.server.passport.OfflineRcdResourceFetcher;
import org.stica.server.passport.PassportVerifier;
import org.stica.server.token.X5uFetcher;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verify-passport}: a carrier's check of its signing set-up before going live (RCD.md §9;
 * issue 19). Verifies one PASSporT with {@link PassportVerifier} and prints one line per rule,
 * {@code PASS|FAIL <TAB> rule <TAB> detail}, then a summary. Exit 0 only if every rule passed,
 * 1 otherwise, 2 on a usage error (missing or unreadable input); never a stack trace.
 */
@Command(name = "verify-passport", mixinStandardHelpOptions = true,
        description = "Verify a PASSporT as a verifier would: ES256 signature, chain to our root,"
                + " TNAuthList coverage of orig, JWTClaimConstraints and rcdi digests")
public final class VerifyPassportCommand implements Callable<Integer> {
    /** Exit code when a rule failed. */
    public static final int REJECTED = 1;
    /** Exit code on a usage error. */
    public static final int USAGE = 2;
    private static final int X5U_MAX_BYTES = 65536;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOption configOption = new ConfigOption();

    @ArgGroup(exclusive = true, multiplicity = "1")
    private PassportSource passport;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private ChainSource chain;

    @Option(names = "--root", paramLabel = "<pem>",
            description = "Trust anchor PEM (default: <dataDir>/ca/root.pem)")
    private Path root;

    @Option(names = "--offline", paramLabel = "<url>=<file>",
            description = "Serve this rcd resource URL from a local file; with any --offline,"
                    + " nothing is fetched from the network (repeatable)")
    private Map<URI, Path> offline = Map.of();

    @Option(names = "--max-bytes", paramLabel = "<n>", defaultValue = "1048576",
            description = "Size cap of each fetched rcd resource (default: ${DEFAULT-VALUE})")
    private int maxBytes;

    @Option(names = "--timeout-millis", paramLabel = "<ms>", defaultValue = "5000",
            description = "Time cap of each fetch (default: ${DEFAULT-VALUE})")
    private long timeoutMillis;

    /** Where the PASSporT comes from. */
    static final class PassportSource {
        @Option(names = "--passport", paramLabel = "<jws>", required = true,
                description = "The PASSporT as a compact JWS")
        String compact;

        @Option(names = "--passport-file", paramLabel = "<file>", required = true,
                description = "File holding the PASSporT as a compact JWS")
        Path file;
    }

    /** Where the signer's chain comes from. */
    static final class ChainSource {
        @Option(names = "--chain", paramLabel = "<pem>", required = true,
                description = "The x5u chain as PEM, signer first")
        Path file;

        @Option(names = "--fetch-x5u", required = true,
                description = "Fetch the chain from the header's x5u URL (https only, no"
                        + " redirects, no userinfo/query/fragment, 64 KiB, time cap)")
        boolean fetch;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String compact;
        X509Certificate anchor;
        List<X509Certificate> offered;
        try {
            compact = passport.compact != null ? passport.compact
                    : Files.readString(passport.file, StandardCharsets.UTF_8);
            anchor = certificates(root != null ? root : defaultRoot()).get(0);
            offered = chain.fetch ? null : certificates(chain.file);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("error: cannot read the PASSporT file " + passport.file);
            return USAGE;
        }
        Vertx vertx = Vertx.vertx();
        try {
            RcdVerification result = run(vertx, compact.strip(), anchor, offered);
            result.verdicts().forEach(verdict -> out.println(line(verdict)));
            int failed = result.failures().size();
            out.println(result.passed()
                    ? "PASSporT accepted: all " + result.verdicts().size() + " rules passed"
                    : "PASSporT rejected: " + failed + " of " + result.verdicts().size()
                            + " rules failed");
            out.flush();
            return result.passed() ? 0 : REJECTED;
        } finally {
            vertx.close();
        }
    }

    private Path defaultRoot() {
        try {
            return configOption.load().dataDir().resolve("ca").resolve("root.pem");
        } catch (RuntimeException e) {
            throw new UsageException("no --root given and the configuration cannot be loaded: "
                    + message(e));
        }
    }

    private RcdVerification run(Vertx vertx, String compact, X509Certificate anchor,
                                List<X509Certificate> offered) {
        Duration timeout = Duration.ofMillis(timeoutMillis);
        HttpsRcdResourceFetcher https = new HttpsRcdResourceFetcher(vertx, maxBytes, timeout);
        RcdResourceFetcher fetcher = offline.isEmpty() ? https
                : new OfflineRcdResourceFetcher(offline);
        try {
            Future<List<X509Certificate>> signerChain = chain.fetch
                    ? fetchChain(vertx, compact, timeout)
                    : Future.succeededFuture(offered);
            Future<RcdVerification> result = signerChain.transform(fetched -> fetched.succeeded()
                    ? new PassportVerifier(anchor, fetcher, Clock.systemUTC())
                            .verify(compact, fetched.result())
                    : Future.succeededFuture(new RcdVerification(List.of(new RuleVerdict(
                            "x5u fetch", false, message(fetched.cause()))))));
            return result.toCompletionStage().toCompletableFuture()
                    .get(timeout.toMillis() * 4 + 10_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("verification failed: " + message(e.getCause()));
        } catch (TimeoutException e) {
            throw new IllegalStateException("verification timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("verification interrupted");
        } finally {
            https.close();
        }
    }

    private static Future<List<X509Certificate>> fetchChain(Vertx vertx, String compact,
                                                            Duration timeout) {
        URI x5u;
        try {
            x5u = JWSObject.parse(compact).getHeader().getX509CertURL();
        } catch (java.text.ParseException e) {
            return Future.failedFuture("the PASSporT is not a compact JWS: cannot read x5u");
        }
        if (x5u == null) {
            return Future.failedFuture("the PASSporT header carries no x5u");
        }
        try {
            new X5uPolicy(List.of("https://" + x5u.getRawAuthority())).check(x5u);
        } catch (PolicyException e) {
            return Future.failedFuture(e.detail());
        }
        X5uFetcher fetcher = new X5uFetcher(vertx, X5U_MAX_BYTES, timeout, Clock.systemUTC());
        return fetcher.fetch(x5u).andThen(done -> fetcher.close());
    }

    private static List<X509Certificate> certificates(Path pem) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(pem);
        } catch (IOException e) {
            throw new UsageException("cannot read " + pem);
        }
        try {
            List<X509Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certs.isEmpty()) {
                throw new UsageException(pem + " holds no certificate");
            }
            return certs;
        } catch (CertificateException e) {
            throw new UsageException(pem + " is not a PEM certificate file");
        }
    }

    private static String line(RuleVerdict verdict) {
        return (verdict.passed() ? "PASS" : "FAIL") + "\t" + verdict.rule() + "\t"
                + verdict.detail();
    }

    private static String message(Throwable e) {
        if (e instanceof PolicyException policy) {
            return policy.detail();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Missing or unreadable input: exit {@link #USAGE}. */
    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
