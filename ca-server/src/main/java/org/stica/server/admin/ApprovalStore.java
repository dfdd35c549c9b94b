package org.stica.server.admin;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Dual-control approvals ({@code admin_approval}). */
public interface ApprovalStore {

    Future<Void> insert(Approval approval);

    Future<Optional<Approval>> find(String id);

    Future<List<Approval>> pending();

    /** pending → approved by {@code approver} (≠ requester); false when not possible. */
    Future<Boolean> approve(String id, String approver, Instant at);

    /**
     * approved → executed, atomically, when it matches the request; false otherwise (a replayed
     * or different request).
     */
    Future<Boolean> consume(String id, String method, String path, String bodySha256);
}
