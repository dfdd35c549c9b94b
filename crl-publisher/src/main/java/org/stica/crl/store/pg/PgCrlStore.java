package org.stica.crl.store.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.stica.crl.CrlException;
import org.stica.crl.store.CrlStore;
import org.stica.crl.store.StoredCrl;

/**
 * {@link CrlStore} over tables {@code crl} (one row per CRL) and {@code crl_part} (its DER in
 * parts of {@link #PART_BYTES}). {@link #insertIfNewer} locks the table against other writers
 * (readers continue), re-reads the newest row and refuses a number that does not increase
 * (Boulder's storer; RFC 5280 §5.2.3), then streams the file into parts in the same transaction,
 * so a CRL is visible whole or not at all. {@link #newest} fetches the DER of a CRL another
 * instance stored into the local cache directory through a cursor, one part at a time, so no
 * instance holds a large CRL whole in memory.
 */
public final class PgCrlStore implements CrlStore {
    /** Size of one stored part of the DER. */
    static final int PART_BYTES = 4 << 20;

    private static final String NEWEST = "SELECT number, this_update, next_update, sha256,"
            + " coalesce(size, octet_length(der)) AS size, coalesce(entries, -1) AS entries"
            + " FROM crl ORDER BY number DESC LIMIT 1";
    private static final String LOCK_WRITERS = "LOCK TABLE crl IN EXCLUSIVE MODE";
    private static final String INSERT = "INSERT INTO crl"
            + " (number, this_update, next_update, sha256, size, entries)"
            + " VALUES (#{number}, #{thisUpdate}, #{nextUpdate}, #{sha256}, #{size}, #{entries})";
    private static final String INSERT_PART = "INSERT INTO crl_part (number, part, data)"
            + " VALUES (#{number}, #{part}, #{data})";
    /** Parts in order; a CRL stored before parts existed is one part: its {@code der} column. */
    private static final String PARTS = "SELECT data FROM ("
            + " SELECT part, data FROM crl_part WHERE number = $1"
            + " UNION ALL SELECT 0, der FROM crl WHERE number = $1 AND der IS NOT NULL) p"
            + " ORDER BY part";

    private final Vertx vertx;
    private final Pool pool;
    private final Path cacheDir;

    /** @param cacheDir where the DER of stored CRLs is cached as {@code <sha256>.der} */
    public PgCrlStore(Vertx vertx, Pool pool, Path cacheDir) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
    }

    /** The local cache file of the CRL with this SHA-256. */
    public Path cacheFile(String sha256) {
        return cacheDir.resolve(sha256 + ".der");
    }

    @Override
    public Future<Optional<StoredCrl>> newest() {
        return pool.withConnection(this::newest).compose(newest -> newest.isEmpty()
                ? Future.succeededFuture(newest) : fetched(newest.get()).map(Optional::of));
    }

    @Override
    public Future<StoredCrl> insertIfNewer(StoredCrl candidate, SuccessorCheck check) {
        return pool.withTransaction(conn -> conn.query(LOCK_WRITERS).execute()
                .compose(locked -> newest(conn))
                .map(previous -> checked(previous, candidate, check))
                .compose(ok -> SqlTemplate.forUpdate(conn, INSERT).execute(params(candidate)))
                .compose(inserted -> insertParts(conn, candidate, 0))
                .map(inserted -> candidate));
    }

    private Future<Optional<StoredCrl>> newest(SqlConnection conn) {
        return SqlTemplate.forQuery(conn, NEWEST).execute(Map.of())
                .map(rows -> rows.iterator().hasNext() ? Optional.of(row(rows.iterator().next()))
                        : Optional.empty());
    }

    private StoredCrl row(Row row) {
        String sha256 = row.getString("sha256");
        return new StoredCrl(row.getBigDecimal("number").toBigIntegerExact(),
                row.getOffsetDateTime("this_update").toInstant(),
                row.getOffsetDateTime("next_update").toInstant(), sha256,
                row.getLong("size"), row.getLong("entries"), cacheFile(sha256));
    }

    /** {@code crl} with its DER in the cache directory, fetched part by part if missing. */
    private Future<StoredCrl> fetched(StoredCrl crl) {
        return vertx.executeBlocking(() -> Files.isRegularFile(crl.file())
                        && Files.size(crl.file()) == crl.size(), false)
                .compose(cached -> cached ? Future.succeededFuture(crl) : fetch(crl));
    }

    private Future<StoredCrl> fetch(StoredCrl crl) {
        return vertx.executeBlocking(() -> {
            Files.createDirectories(cacheDir);
            Path temp = Files.createTempFile(cacheDir, "fetch-", ".part");
            return new Download(temp, FileChannel.open(temp, StandardOpenOption.WRITE));
        }, false).compose(download -> pool.withTransaction(conn -> conn.prepare(PARTS)
                        .compose(statement -> {
                            Cursor cursor = statement.cursor(Tuple.of(new BigDecimal(
                                    crl.number())));
                            return copyParts(cursor, download.channel())
                                    .eventually(cursor::close);
                        }))
                .eventually(() -> vertx.executeBlocking(() -> {
                    download.channel().close();
                    return null;
                }, false))
                .compose(done -> vertx.executeBlocking(() -> {
                    if (Files.size(download.temp()) != crl.size()) {
                        Files.deleteIfExists(download.temp());
                        throw new CrlException(CrlException.Kind.UNSAFE, "stored CRL "
                                + crl.number() + " is incomplete");
                    }
                    Files.move(download.temp(), crl.file(), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                    return crl;
                }, false)));
    }

    /** A CRL being fetched into a temporary file. */
    private record Download(Path temp, FileChannel channel) {
    }

    private Future<Void> copyParts(Cursor cursor, FileChannel channel) {
        return cursor.read(1).compose(rows -> {
            Future<Void> written = Future.succeededFuture();
            for (Row row : rows) {
                Buffer data = row.getBuffer("data");
                written = written.compose(v -> vertx.executeBlocking(() -> {
                    ByteBuffer bytes = ByteBuffer.wrap(data.getBytes());
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                    return null;
                }, false));
            }
            return written.compose(v -> cursor.hasMore() ? copyParts(cursor, channel)
                    : Future.succeededFuture());
        });
    }

    private Future<Void> insertParts(SqlConnection conn, StoredCrl crl, int part) {
        long offset = (long) part * PART_BYTES;
        if (offset >= crl.size()) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> readPart(crl.file(), offset), false)
                .compose(data -> SqlTemplate.forUpdate(conn, INSERT_PART).execute(Map.of(
                        "number", new BigDecimal(crl.number()), "part", part,
                        "data", Buffer.buffer(data))))
                .compose(inserted -> insertParts(conn, crl, part + 1));
    }

    private static byte[] readPart(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = Math.min(PART_BYTES, channel.size() - offset);
            ByteBuffer buffer = ByteBuffer.allocate((int) length);
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) >= 0) {
                // read until the part is full
            }
            return buffer.array();
        }
    }

    private static StoredCrl checked(Optional<StoredCrl> previous, StoredCrl candidate,
            SuccessorCheck check) {
        if (previous.isPresent() && candidate.number().compareTo(previous.get().number()) <= 0) {
            throw new CrlException(CrlException.Kind.NOT_NEWER, "CRL number " + candidate.number()
                    + " is not greater than the newest stored " + previous.get().number()
                    + " (RFC 5280 §5.2.3)");
        }
        check.verify(previous, candidate);
        return candidate;
    }

    private static Map<String, Object> params(StoredCrl crl) {
        Map<String, Object> params = new HashMap<>();
        params.put("number", new BigDecimal(crl.number()));
        params.put("thisUpdate", crl.thisUpdate().atOffset(ZoneOffset.UTC));
        params.put("nextUpdate", crl.nextUpdate().atOffset(ZoneOffset.UTC));
        params.put("sha256", crl.sha256());
        params.put("size", crl.size());
        params.put("entries", crl.entries() < 0 ? null : crl.entries());
        return params;
    }

}
