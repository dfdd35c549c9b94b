package org.stica.server.rcd.store.pg;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.templates.RowMapper;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.stica.policy.rcd.Rcd;
import org.stica.policy.rcd.Rcdi;
import org.stica.server.rcd.RcdSet;
import org.stica.server.rcd.RcdSetStatus;
import org.stica.server.rcd.VettedConstraints;

/**
 * SQL for {@code rcd_set} (migrations in {@code db/rcd}). The rcd is stored in its RFC 8225 §9
 * canonical form, the rcdi likewise. A decision (approve, reject, withdraw) is one conditional
 * UPDATE from the statuses it may leave, so two operators deciding at once cannot both win;
 * {@code decided_at} comes from the injected clock.
 */
public final class PgRcdSetStore {
    private static final String COLUMNS = "id, subscriber_id, rcd, call_reasons, status, rcdi,"
            + " extension_oid, extension_der, created_at, created_by, created_by_key,"
            + " decided_at, decided_by";
    private static final String FIND = "SELECT " + COLUMNS + " FROM rcd_set WHERE id = #{id}";
    private static final String BY_SUBSCRIBER = "SELECT " + COLUMNS + " FROM rcd_set"
            + " WHERE subscriber_id = #{subscriberId} ORDER BY created_at DESC, id";
    /** The subscriber's set whose extension is {@code der}, an approved one first. */
    private static final String BY_EXTENSION = "SELECT " + COLUMNS + " FROM rcd_set"
            + " WHERE subscriber_id = #{subscriberId} AND extension_der = #{der}"
            + " ORDER BY (status = 'approved') DESC, decided_at DESC LIMIT 1";
    private static final String INSERT = "INSERT INTO rcd_set (id, subscriber_id, rcd,"
            + " call_reasons, status, created_at, created_by, created_by_key) VALUES (#{id},"
            + " #{subscriberId}, #{rcd}, #{callReasons}, 'pending', #{at}, #{actor}, #{key})";
    private static final String APPROVE = "UPDATE rcd_set SET status = 'approved',"
            + " rcdi = #{rcdi}, extension_oid = #{oid}, extension_der = #{der},"
            + " decided_at = #{at}, decided_by = #{actor}"
            + " WHERE id = #{id} AND status = 'pending' RETURNING id";
    private static final String CLOSE = "UPDATE rcd_set SET status = #{status},"
            + " decided_at = #{at}, decided_by = #{actor}"
            + " WHERE id = #{id} AND status = ANY(#{from}::text[]) RETURNING id";

    private static final RowMapper<RcdSet> RCD_SET = PgRcdSetStore::rcdSet;

    private final Pool pool;
    private final Clock clock;

    /** @param clock stamps {@code created_at} and {@code decided_at} */
    public PgRcdSetStore(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Records a pending set; the subscriber must exist (foreign key). */
    public Future<RcdSet> create(String id, String subscriberId, Rcd rcd,
                                 List<String> callReasons, String actor, String keyId) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("subscriberId", subscriberId);
        params.put("rcd", rcd.canonical());
        params.put("callReasons", callReasons.toArray(String[]::new));
        params.put("at", now());
        params.put("actor", actor);
        params.put("key", keyId);
        return pool.withTransaction(c -> SqlTemplate.forUpdate(c, INSERT).execute(params)
                .compose(v -> SqlTemplate.forQuery(c, FIND).mapTo(RCD_SET)
                        .execute(Map.of("id", id))))
                .map(rows -> rows.iterator().next());
    }

    public Future<Optional<RcdSet>> find(String id) {
        return SqlTemplate.forQuery(pool, FIND).mapTo(RCD_SET).execute(Map.of("id", id))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next()));
    }

    /** Every set of {@code subscriberId}, newest first. */
    public Future<List<RcdSet>> bySubscriber(String subscriberId) {
        return SqlTemplate.forQuery(pool, BY_SUBSCRIBER).mapTo(RCD_SET)
                .execute(Map.of("subscriberId", subscriberId)).map(rows -> {
                    List<RcdSet> list = new ArrayList<>();
                    rows.forEach(list::add);
                    return list;
                });
    }

    /**
     * The set of {@code subscriberId} whose JWTClaimConstraints extension value is byte for byte
     * {@code der}: an approved one if there is one, else the latest one decided otherwise (a
     * withdrawn set keeps its extension); empty when the subscriber never had it approved.
     */
    public Future<Optional<RcdSet>> byExtension(String subscriberId, byte[] der) {
        return SqlTemplate.forQuery(pool, BY_EXTENSION).mapTo(RCD_SET)
                .execute(Map.of("subscriberId", subscriberId, "der", Buffer.buffer(der)))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next()));
    }

    /** Approves a pending set with its computed constraints; false when it is not pending. */
    public Future<Boolean> approve(String id, VettedConstraints vetted, String actor) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("rcdi", vetted.rcdi().canonical());
        params.put("oid", vetted.oid().getId());
        params.put("der", Buffer.buffer(vetted.der()));
        params.put("at", now());
        params.put("actor", actor);
        return pool.withTransaction(c -> SqlTemplate.forQuery(c, APPROVE).execute(params))
                .map(rows -> rows.size() == 1);
    }

    /** Moves a set in one of {@code from} to {@code to}; false when it is in none of them. */
    public Future<Boolean> close(String id, List<RcdSetStatus> from, RcdSetStatus to,
                                 String actor) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("status", to.dbValue());
        params.put("from", from.stream().map(RcdSetStatus::dbValue).toArray(String[]::new));
        params.put("at", now());
        params.put("actor", actor);
        return pool.withTransaction(c -> SqlTemplate.forQuery(c, CLOSE).execute(params))
                .map(rows -> rows.size() == 1);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static RcdSet rcdSet(Row row) {
        Optional<VettedConstraints> vetted = Optional.ofNullable(row.getString("rcdi"))
                .map(rcdi -> new VettedConstraints(Rcdi.fromJson(new JsonObject(rcdi)),
                        new ASN1ObjectIdentifier(row.getString("extension_oid")),
                        row.getBuffer("extension_der").getBytes()));
        return new RcdSet(row.getString("id"), row.getString("subscriber_id"),
                Rcd.fromJson(new JsonObject(row.getString("rcd"))),
                Arrays.asList(row.getArrayOfStrings("call_reasons")),
                RcdSetStatus.fromDb(row.getString("status")).orElseThrow(),
                vetted, row.getOffsetDateTime("created_at").toInstant(),
                row.getString("created_by"), row.getString("created_by_key"),
                Optional.ofNullable(row.getOffsetDateTime("decided_at"))
                        .map(OffsetDateTime::toInstant),
                Optional.ofNullable(row.getString("decided_by")));
    }
}
