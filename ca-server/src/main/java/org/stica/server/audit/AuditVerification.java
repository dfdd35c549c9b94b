package org.stica.server.audit;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * The result of verifying the whole audit chain: how many records and checkpoints were checked
 * and, when broken, the id of the first broken record and why.
 */
public record AuditVerification(long recordsChecked, long checkpointsChecked,
                                Optional<Long> firstBrokenId, Optional<String> reason) {

    public static AuditVerification intact(long records, long checkpoints) {
        return new AuditVerification(records, checkpoints, Optional.empty(), Optional.empty());
    }

    public static AuditVerification broken(long records, long checkpoints, long id,
                                           String reason) {
        return new AuditVerification(records, checkpoints, Optional.of(id), Optional.of(reason));
    }

    public boolean intact() {
        return firstBrokenId.isEmpty();
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("status", intact() ? "intact" : "broken")
                .put("recordsChecked", recordsChecked)
                .put("checkpointsChecked", checkpointsChecked);
        firstBrokenId.ifPresent(id -> json.put("firstBrokenId", id));
        reason.ifPresent(r -> json.put("reason", r));
        return json;
    }
}
