package org.stica.server.audit;

import io.vertx.core.Future;
import java.util.List;

/** Reads the stored chain for verification: records in id order, page by page, and checkpoints. */
public interface AuditReader {

    /** Up to {@code limit} records with {@code id > afterId}, ascending. */
    Future<List<AuditRecord>> page(long afterId, int limit);

    /** Every checkpoint, ascending by event id. */
    Future<List<AuditCheckpoint>> checkpoints();
}
