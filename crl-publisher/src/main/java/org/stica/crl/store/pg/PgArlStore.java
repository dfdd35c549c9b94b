package org.stica.crl.store.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.stica.crl.CrlException;
import org.stica.crl.store.StoredCrl;

/**
 * The root's ARLs in table {@code arl} (small: the DER is one column). Like the CRL store it
 * inserts only a number greater than the newest stored one, under a table lock, so every instance
 * sharing the database serves the same ARL and numbers increase across restarts and instances.
 * The DER of the newest ARL is cached as {@code <sha256>.der} in the cache directory.
 */
public final class PgArlStore {
    /** Advisory lock key: the ASCII bytes of "STICAARL" as a bigint. */
    public static final long ARL_BUILD_KEY = 0x535449434141524CL;

    private static final String NEWEST = "SELECT number, this_update, next_update, der, sha256"
            + " FROM arl ORDER BY number DESC LIMIT 1";
    private static final String LOCK_WRITERS = "LOCK TABLE arl IN EXCLUSIVE MODE";
    private static final String MAX_NUMBER = "SELECT max(number) AS number FROM arl";
    private static final String INSERT = "INSERT INTO arl"
            + " (number, this_update, next_update, der, sha256)"
            + " VALUES (#{number}, #{thisUpdate}, #{nextUpdate}, #{der}, #{sha256})";

    private final Vertx vertx;
    private final Pool pool;
    private final Path cacheDir;

    public PgArlStore(Vertx vertx, Pool pool, Path cacheDir) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
    }

    /** The ARL with the highest number, its DER cached in a file. */
    public Future<Optional<StoredCrl>> newest() {
        return SqlTemplate.forQuery(pool, NEWEST).execute(Map.of()).compose(rows -> {
            if (!rows.iterator().hasNext()) {
                return Future.succeededFuture(Optional.empty());
            }
            Row row = rows.iterator().next();
            byte[] der = row.getBuffer("der").getBytes();
            StoredCrl arl = new StoredCrl(row.getBigDecimal("number").toBigIntegerExact(),
                    row.getOffsetDateTime("this_update").toInstant(),
                    row.getOffsetDateTime("next_update").toInstant(), row.getString("sha256"),
                    der.length, -1, cacheDir.resolve(row.getString("sha256") + ".der"));
            return vertx.executeBlocking(() -> cached(arl, der), false).map(Optional::of);
        });
    }

    /**
     * Stores {@code candidate} if its number is greater than every stored one; otherwise fails
     * with {@code CrlException(NOT_NEWER)}.
     */
    public Future<StoredCrl> insertIfNewer(StoredCrl candidate) {
        return vertx.executeBlocking(candidate::der, false).compose(der ->
                pool.withTransaction(conn -> conn.query(LOCK_WRITERS).execute()
                        .compose(locked -> SqlTemplate.forQuery(conn, MAX_NUMBER).execute(Map.of()))
                        .compose(rows -> {
                            BigDecimal max = rows.iterator().next().getBigDecimal("number");
                            if (max != null && candidate.number().compareTo(
                                    max.toBigIntegerExact()) <= 0) {
                                return Future.failedFuture(new CrlException(
                                        CrlException.Kind.NOT_NEWER, "ARL number "
                                        + candidate.number() + " is not greater than " + max));
                            }
                            return SqlTemplate.forUpdate(conn, INSERT).execute(Map.of(
                                    "number", new BigDecimal(candidate.number()),
                                    "thisUpdate", candidate.thisUpdate().atOffset(ZoneOffset.UTC),
                                    "nextUpdate", candidate.nextUpdate().atOffset(ZoneOffset.UTC),
                                    "der", Buffer.buffer(der), "sha256", candidate.sha256()));
                        })
                        .map(inserted -> candidate)));
    }

    private StoredCrl cached(StoredCrl arl, byte[] der) throws java.io.IOException {
        if (!Files.isRegularFile(arl.file())) {
            Files.createDirectories(cacheDir);
            Path temp = Files.createTempFile(cacheDir, "arl-", ".part");
            Files.write(temp, der);
            Files.move(temp, arl.file(), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
        return arl;
    }
}
