package org.stica.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.stica.server.config.StiCaConfig;
import org.stica.testing.SoftHsmFixture;
import org.stica.testing.TestDatabase;

/**
 * A fresh database, SoftHSM token and data directory, and the {@code STICA_*} environment that
 * points a server at them (ports 0). Tests call {@link StiCaServer#initCa} and
 * {@link StiCaServer#start} with {@link #config()}.
 */
public final class TestCa implements AutoCloseable {
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    private final TestDatabase db;
    private final SoftHsmFixture hsm;
    private final Path dataDir;
    private final Map<String, String> env = new HashMap<>();

    private TestCa(TestDatabase db, SoftHsmFixture hsm, Path dataDir) {
        this.db = db;
        this.hsm = hsm;
        this.dataDir = dataDir;
        env.put("STICA_DB_URL", db.url());
        env.put("STICA_DB_POOL_SIZE", "4");
        env.put("STICA_HSM_LIBRARY", hsm.library().toString());
        env.put("STICA_HSM_TOKEN_LABEL", hsm.tokenLabel());
        env.put("STICA_HSM_PIN", new String(hsm.pin()));
        env.put("STICA_DATA_DIR", dataDir.toString());
        env.put("STICA_HTTP_PORT", "0");
        env.put("STICA_HTTP_HOST", "127.0.0.1");
        env.put("STICA_ADMIN_PORT", "0");
        env.put("STICA_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("STICA_CA_ORGANIZATION", "Test STI-CA");
        env.put("STICA_CRL_PUBLISH_DELAY", "0");
        // init-ca keeps the root in the one test token (issue 16: serve refuses it otherwise)
        env.put("STICA_CA_ROOT_ONLINE", "true");
    }

    public static TestCa create() {
        try {
            TestDatabase db = TestDatabase.create();
            return new TestCa(db, SoftHsmFixture.create("ca-server"),
                    Files.createTempDirectory("stica-data"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds or replaces an environment variable for later {@link #config()} calls. */
    public TestCa with(String variable, String value) {
        env.put(variable, value);
        return this;
    }

    public StiCaConfig config() {
        return StiCaConfig.load(Optional.empty(), env);
    }

    public TestDatabase db() {
        return db;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        try {
            hsm.close();
        } finally {
            db.close();
        }
    }
}
