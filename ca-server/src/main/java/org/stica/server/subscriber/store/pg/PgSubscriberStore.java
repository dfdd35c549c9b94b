package org.stica.server.subscriber.store.pg;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stica.server.subscriber.SpcAlreadyHeld;
import org.stica.server.subscriber.Subscriber;
import org.stica.server.subscriber.SubscriberDetails;
import org.stica.server.subscriber.SubscriberQuery;
import org.stica.server.subscriber.SubscriberStatus;

/**
 * SQL for {@code subscriber} and {@code subscriber_spc} (migrations in {@code db/subscriber}).
 * Every change runs in one transaction and stamps {@code changed_at} (from the injected clock)
 * and {@code changed_by}; a change that asks for an SPC another subscriber holds fails with
 * {@link SpcAlreadyHeld} and is rolled back whole. Fields are stored as given: callers check
 * them first ({@link org.stica.server.subscriber.SubscriberPolicy}); the table CHECKs are the
 * last line.
 */
public final class PgSubscriberStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "s.id, s.legal_name, s.country, s.state, s.locality,"
            + " s.status, s.contacts, s.created_at, s.created_by, s.changed_at, s.changed_by,"
            + " ARRAY(SELECT x.spc FROM subscriber_spc x WHERE x.subscriber_id = s.id"
            + " ORDER BY x.spc) AS spcs";
    private static final String FIND = "SELECT " + COLUMNS + " FROM subscriber s"
            + " WHERE s.id = #{id}";
    /** The newOrder/issuance lookup: the primary key of subscriber_spc, then the subscriber. */
    private static final String BY_SPC = "SELECT " + COLUMNS + " FROM subscriber_spc h"
            + " JOIN subscriber s ON s.id = h.subscriber_id WHERE h.spc = #{spc}";
    private static final String LIST = "SELECT " + COLUMNS + " FROM subscriber s"
            + " WHERE (#{status}::text IS NULL OR s.status = #{status}::text)"
            + " AND (#{spc}::text IS NULL OR EXISTS (SELECT 1 FROM subscriber_spc x"
            + " WHERE x.spc = #{spc}::text AND x.subscriber_id = s.id))"
            + " ORDER BY s.created_at DESC, s.id LIMIT #{limit} OFFSET #{offset}";
    private static final String INSERT = "INSERT INTO subscriber (id, legal_name, country, state,"
            + " locality, status, contacts, created_at, created_by, changed_at, changed_by)"
            + " VALUES (#{id}, #{legalName}, #{country}, #{state}, #{locality}, 'active',"
            + " #{contacts}, #{at}, #{actor}, #{at}, #{actor})";
    /** A terminated subscriber is never changed. */
    private static final String UPDATE = "UPDATE subscriber SET legal_name = #{legalName},"
            + " country = #{country}, state = #{state}, locality = #{locality},"
            + " contacts = #{contacts}, changed_at = #{at}, changed_by = #{actor}"
            + " WHERE id = #{id} AND status <> 'terminated' RETURNING id";
    private static final String RELEASE_SPCS = "DELETE FROM subscriber_spc"
            + " WHERE subscriber_id = #{id} AND NOT (spc = ANY(#{spcs}::text[]))";
    private static final String CLAIM_SPCS = "INSERT INTO subscriber_spc (spc, subscriber_id)"
            + " SELECT unnest(#{spcs}::text[]), #{id} ON CONFLICT (spc) DO NOTHING";
    private static final String HELD_BY_OTHERS = "SELECT spc, subscriber_id FROM subscriber_spc"
            + " WHERE spc = ANY(#{spcs}::text[]) AND subscriber_id <> #{id} ORDER BY spc LIMIT 1";
    private static final String SET_STATUS = "UPDATE subscriber SET status = #{status},"
            + " changed_at = #{at}, changed_by = #{actor}"
            + " WHERE id = #{id} AND status = ANY(#{from}::text[]) RETURNING id";
    /** Issued, unrevoked, unexpired certificates carrying one of the subscriber's SPCs. */
    private static final String LIVE_SERIALS = "SELECT c.serial FROM certificate c"
            + " JOIN subscriber_spc h ON h.spc = c.spc WHERE h.subscriber_id = #{id}"
            + " AND c.status = 'issued' AND c.not_after > #{now} ORDER BY c.serial";

    private static final RowMapper<Subscriber> SUBSCRIBER = PgSubscriberStore::subscriber;

    private final Pool pool;
    private final Clock clock;
    private final Runnable changed;

    /** @param clock stamps {@code created_at}/{@code changed_at} and bounds "live" */
    public PgSubscriberStore(Pool pool, Clock clock) {
        this(pool, clock, () -> { });
    }

    /**
     * As above; {@code changed} runs after each change this store commits (create, update,
     * status), whether or not it changed a row: this instance's cached view of the registry
     * forgets at once what the other instances forget on the change notification.
     */
    public PgSubscriberStore(Pool pool, Clock clock, Runnable changed) {
        this.pool = pool;
        this.clock = clock;
        this.changed = changed;
    }

    /**
     * Records a new, active subscriber with id {@code id} holding {@code details.spcs()}; fails
     * with {@link SpcAlreadyHeld} (nothing stored) when another subscriber holds one of them.
     */
    public Future<Subscriber> create(String id, SubscriberDetails details, String actor) {
        Map<String, Object> params = params(id, details, actor);
        return pool.withTransaction(c -> SqlTemplate.forUpdate(c, INSERT).execute(params)
                .compose(v -> claimSpcs(c, params))
                .compose(v -> findOn(c, id)))
                .map(Optional::orElseThrow)
                .recover(PgSubscriberStore::spcRace)
                .andThen(done -> changed.run());
    }

    public Future<Optional<Subscriber>> find(String id) {
        return findOn(pool, id);
    }

    /** The subscriber holding {@code spc}, whatever its status (one primary-key lookup). */
    public Future<Optional<Subscriber>> bySpc(String spc) {
        return SqlTemplate.forQuery(pool, BY_SPC).mapTo(SUBSCRIBER).execute(Map.of("spc", spc))
                .map(PgSubscriberStore::first);
    }

    /** One page, newest first. */
    public Future<List<Subscriber>> list(SubscriberQuery query) {
        Map<String, Object> params = new HashMap<>();
        params.put("status", query.status().map(SubscriberStatus::dbValue).orElse(null));
        params.put("spc", query.spc().orElse(null));
        params.put("limit", query.limit());
        params.put("offset", query.offset());
        return SqlTemplate.forQuery(pool, LIST).mapTo(SUBSCRIBER).execute(params).map(rows -> {
            List<Subscriber> list = new ArrayList<>();
            rows.forEach(list::add);
            return list;
        });
    }

    /**
     * Replaces legal name, country, state, locality, contacts and the SPCs held (SPCs no longer
     * listed are released); empty when the subscriber is unknown or terminated; fails with
     * {@link SpcAlreadyHeld} (nothing changed) when another subscriber holds a listed SPC.
     */
    public Future<Optional<Subscriber>> update(String id, SubscriberDetails details,
                                               String actor) {
        Map<String, Object> params = params(id, details, actor);
        return pool.withTransaction(c -> SqlTemplate.forQuery(c, UPDATE).execute(params)
                .compose(rows -> rows.size() == 0 ? Future.succeededFuture(Optional.empty())
                        : SqlTemplate.forUpdate(c, RELEASE_SPCS).execute(params)
                        .compose(v -> claimSpcs(c, params))
                        .compose(v -> findOn(c, id))))
                .recover(PgSubscriberStore::spcRace)
                .andThen(done -> changed.run());
    }

    /**
     * Moves the subscriber to {@code status} when {@link SubscriberStatus#canBecome} allows it
     * from its current status; empty when it is unknown or the transition is not allowed.
     */
    public Future<Optional<Subscriber>> setStatus(String id, SubscriberStatus status,
                                                  String actor) {
        String[] from = Arrays.stream(SubscriberStatus.values()).filter(s -> s.canBecome(status))
                .map(SubscriberStatus::dbValue).toArray(String[]::new);
        Map<String, Object> params = Map.of("id", id, "status", status.dbValue(), "from", from,
                "at", now(), "actor", actor);
        return pool.withTransaction(c -> SqlTemplate.forQuery(c, SET_STATUS).execute(params)
                .compose(rows -> rows.size() == 0 ? Future.succeededFuture(Optional.empty())
                        : findOn(c, id)))
                .andThen(done -> changed.run());
    }

    /**
     * Serials (hex) of the issued, unrevoked, unexpired certificates carrying an SPC the
     * subscriber holds (ca-server's {@code certificate} table, read only).
     */
    public Future<List<String>> liveSerials(String id) {
        return SqlTemplate.forQuery(pool, LIVE_SERIALS)
                .execute(Map.of("id", id, "now", now())).map(rows -> {
                    List<String> serials = new ArrayList<>();
                    rows.forEach(row -> serials.add(row.getString("serial")));
                    return serials;
                });
    }

    private static Future<Void> claimSpcs(SqlConnection c, Map<String, Object> params) {
        return SqlTemplate.forUpdate(c, CLAIM_SPCS).execute(params)
                .compose(v -> SqlTemplate.forQuery(c, HELD_BY_OTHERS).execute(params))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture();
                    }
                    Row held = rows.iterator().next();
                    return Future.failedFuture(new SpcAlreadyHeld(held.getString("spc"),
                            held.getString("subscriber_id")));
                });
    }

    /** Two transactions claiming the same SPC at once: the loser sees the primary key. */
    private static <T> Future<T> spcRace(Throwable failure) {
        if (failure instanceof PgException pg
                && UNIQUE_VIOLATION.equals(pg.getSqlState())
                && String.valueOf(pg.getConstraint()).startsWith("subscriber_spc")) {
            return Future.failedFuture(new SpcAlreadyHeld("(one of those asked for)",
                    "another subscriber"));
        }
        return Future.failedFuture(failure);
    }

    private static Future<Optional<Subscriber>> findOn(SqlClient client, String id) {
        return SqlTemplate.forQuery(client, FIND).mapTo(SUBSCRIBER).execute(Map.of("id", id))
                .map(PgSubscriberStore::first);
    }

    private Map<String, Object> params(String id, SubscriberDetails details, String actor) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("legalName", details.legalName());
        params.put("country", details.country());
        params.put("state", details.state().orElse(null));
        params.put("locality", details.locality().orElse(null));
        params.put("contacts", details.contacts().toArray(new String[0]));
        params.put("spcs", details.spcs().toArray(new String[0]));
        params.put("at", now());
        params.put("actor", actor);
        return params;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static <T> Optional<T> first(Iterable<T> rows) {
        Iterator<T> it = rows.iterator();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }

    private static Subscriber subscriber(Row row) {
        String[] contacts = row.getArrayOfStrings("contacts");
        String[] spcs = row.getArrayOfStrings("spcs");
        return new Subscriber(row.getString("id"), row.getString("legal_name"),
                row.getString("country"), Optional.ofNullable(row.getString("state")),
                Optional.ofNullable(row.getString("locality")),
                SubscriberStatus.fromDb(row.getString("status")).orElseThrow(),
                spcs == null ? List.of() : Arrays.asList(spcs),
                contacts == null ? List.of() : Arrays.asList(contacts),
                row.getOffsetDateTime("created_at").toInstant(), row.getString("created_by"),
                row.getOffsetDateTime("changed_at").toInstant(), row.getString("changed_by"));
    }
}
