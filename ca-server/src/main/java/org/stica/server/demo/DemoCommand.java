package org.stica.server.demo;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.stica.server.StiCaServer;
import org.stica.server.ca.CaAlreadyInitialisedException;
import org.stica.server.config.StiCaConfig;
import org.stica.server.metrics.MetricsVertx;
import org.stica.server.subscriber.Subscriber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: a complete demo system in one process: PostgreSQL ({@link DemoDatabase}), keys,
 * the CA hierarchy (created on first start), a demo STI-PA trusted by the CA ({@link DemoStiPa}),
 * and the STI-CA itself. Prints the ACME directory, the admin token and an enrollment example.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a complete demo: database, keys, CA hierarchy and a demo STI-PA")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--config", description = "YAML configuration file (optional)")
    Path configFile;

    @Option(names = "--pa-port", defaultValue = "${env:STICA_DEMO_PA_PORT:-8082}",
            description = "port of the demo STI-PA (default 8082)")
    int paPort;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        Path dataDir = Path.of(env.getOrDefault("STICA_DATA_DIR", ".stica/demo")).toAbsolutePath();
        Files.createDirectories(dataDir);
        env.put("STICA_DATA_DIR", dataDir.toString());
        env.computeIfAbsent("STICA_ADMIN_TOKEN", k -> adminToken(dataDir));
        // the demo keeps its root online (init-ca); production keeps it offline (ceremonies)
        env.computeIfAbsent("STICA_CA_ROOT_ONLINE", k -> "true");

        DemoPaKeys paKeys = DemoStiPa.keys(dataDir.resolve("demo-pa"), Clock.systemUTC());
        DemoStiPa pa = new DemoStiPa(paKeys, "http://localhost:" + paPort, Clock.systemUTC());
        env.computeIfAbsent("STICA_PA_TRUST_ANCHORS", k -> dataDir.resolve("demo-pa/root.pem").toString());
        env.computeIfAbsent("STICA_X5U_ALLOWED_PREFIXES", k -> pa.x5uPrefix());

        DemoDatabase db = DemoDatabase.open(env, dataDir);
        env.put("STICA_DB_URL", db.url());
        StiCaConfig config = StiCaConfig.load(Optional.ofNullable(configFile)
                .or(() -> Optional.ofNullable(env.get("STICA_CONFIG")).map(Path::of)), env);
        try {
            StiCaServer.initCa(config);
            System.out.println("demo: created the CA hierarchy (root, intermediate, CRL signer)");
        } catch (CaAlreadyInitialisedException e) {
            System.out.println("demo: using the existing CA hierarchy");
        }

        Vertx vertx = MetricsVertx.create(new VertxOptions());
        pa.listen(vertx, "localhost", paPort).await();
        StiCaServer server = StiCaServer.start(vertx, config).await();
        Subscriber carrier = DemoSubscriber.ensure(vertx, config);
        printBanner(server, config, pa, carrier);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close().eventually(vertx::close).await();
            try {
                db.close();
            } catch (java.io.IOException e) {
                System.err.println("demo: could not stop the embedded PostgreSQL: " + e.getMessage());
            }
            stopped.countDown();
        }, "stica-demo-shutdown"));
        stopped.await();
        return 0;
    }

    private static void printBanner(StiCaServer server, StiCaConfig config, DemoStiPa pa,
                                    Subscriber carrier) {
        String jar = "java -jar ca-server/target/stica-server.jar";
        System.out.println();
        System.out.println("STI-CA demo is running");
        System.out.println("  ACME directory:   " + server.directoryUrl());
        System.out.println("  CRL:              " + server.publicUrl() + "/crl/shaken.crl");
        System.out.println("  CA root (PEM):    " + server.publicUrl() + "/ca/roots.pem");
        System.out.println("  admin API:        http://" + config.admin().host() + ":" + server.adminPort()
                + "/admin/v1/health");
        System.out.println("  metrics:          http://" + config.admin().host() + ":"
                + server.adminPort() + "/metrics (Prometheus)");
        System.out.println("  admin token:      " + config.admin().token().map(t -> t.reveal()).orElse("(none)"));
        System.out.println("  demo STI-PA:      " + pa.x5uPrefix().replace("/demo-pa/", "")
                + "/api/v1/account/{spc}/token (x5u " + pa.x5u() + ")");
        System.out.println("  data directory:   " + config.dataDir());
        System.out.println("  CA keys:          " + keys(config));
        System.out.println();
        System.out.println("  subscriber:       " + carrier.legalName() + " (" + carrier.country()
                + "), id " + carrier.id() + ", SPC " + String.join(", ", carrier.spcs()));
        System.out.println();
        System.out.println("Enroll a SHAKEN certificate for SPC 1234 (acme4j client, SPC token from the demo STI-PA):");
        System.out.println("  " + jar + " enroll --directory " + server.directoryUrl()
                + " --spc 1234 --token-url " + pa.x5uPrefix().replace("/demo-pa/", "")
                + "/api/v1/account/{spc}/token --out ./shaken-cert");
        System.out.println("Check it:   curl -s " + server.publicUrl() + "/ca/roots.pem > root.pem && openssl"
                + " verify -CAfile root.pem -untrusted shaken-cert/1234-chain.pem shaken-cert/1234-chain.pem");
        System.out.println("Revoke it:  curl -X POST -H 'Authorization: Bearer <admin token>' -H"
                + " 'Content-Type: application/json' -d '{\"reason\":\"keyCompromise\"}' http://"
                + config.admin().host() + ":" + server.adminPort() + "/admin/v1/certificates/<serial>/revoke");
        System.out.println("Stop with Ctrl-C.");
    }

    /**
     * Where the CA keys are: the PKCS#11 token (demo.sh makes a SoftHSM token in the data
     * directory by default), or the software store, the fallback when SoftHSM cannot be had.
     */
    private static String keys(StiCaConfig config) {
        StiCaConfig.Hsm hsm = config.hsm();
        if (hsm.library().isEmpty()) {
            return "software PKCS#12 store " + config.softwareKeyStore()
                    + " (not for production; install softhsm2 to use a PKCS#11 token)";
        }
        String token = hsm.tokenLabel().map(l -> "token '" + l + "'")
                .orElseGet(() -> "slot " + hsm.slot().getAsLong());
        String keys = "PKCS#11 " + token + " (" + hsm.library().get() + ")";
        String softhsmConf = System.getenv("SOFTHSM2_CONF");
        if (softhsmConf != null && hsm.tokenLabel().isPresent()) {
            Path pinFile = Path.of(softhsmConf).resolveSibling("user.pin");
            keys += "\n  inspect them:     SOFTHSM2_CONF=" + softhsmConf + " pkcs11-tool --module "
                    + hsm.library().get() + " --token-label " + hsm.tokenLabel().get()
                    + " --login --pin \"$(cat " + pinFile + ")\" --list-objects";
        }
        return keys;
    }

    private static String adminToken(Path dataDir) {
        Path file = dataDir.resolve("admin.token");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(file, token + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return token;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot keep the demo admin token in " + file, e);
        }
    }
}
