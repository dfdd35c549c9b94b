package org.stica.server.audit;

import io.vertx.core.Future;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Verifies the whole stored chain page by page ({@link AuditChainCheck}) and reports the first
 * broken record. Used by {@code GET /admin/v1/audit-events/verify} and the {@code audit-verify}
 * CLI command.
 */
public final class AuditVerifier {
    private static final int PAGE = 1000;

    private final AuditReader reader;
    private final Optional<PublicKey> signerKey;

    public AuditVerifier(AuditReader reader, Optional<PublicKey> signerKey) {
        this.reader = reader;
        this.signerKey = signerKey;
    }

    public Future<AuditVerification> verify() {
        return reader.checkpoints().compose(checkpoints -> {
            Map<Long, AuditCheckpoint> byId = checkpoints.stream()
                    .collect(Collectors.toMap(AuditCheckpoint::eventId, Function.identity(),
                            (a, b) -> a));
            return next(new AuditChainCheck(byId, signerKey), 0, byId.size());
        });
    }

    private Future<AuditVerification> next(AuditChainCheck check, long afterId,
                                           int checkpoints) {
        return reader.page(afterId, PAGE).compose(records -> {
            Optional<AuditChainCheck.Break> broken = feed(check, records);
            if (broken.isPresent()) {
                return Future.succeededFuture(report(check, checkpoints, broken.get()));
            }
            if (records.size() < PAGE) {
                return Future.succeededFuture(check.finish()
                        .map(b -> report(check, checkpoints, b))
                        .orElse(AuditVerification.intact(check.recordsChecked(), checkpoints)));
            }
            return next(check, records.get(records.size() - 1).id(), checkpoints);
        });
    }

    private static Optional<AuditChainCheck.Break> feed(AuditChainCheck check,
                                                        List<AuditRecord> records) {
        for (AuditRecord record : records) {
            Optional<AuditChainCheck.Break> broken = check.accept(record);
            if (broken.isPresent()) {
                return broken;
            }
        }
        return Optional.empty();
    }

    private static AuditVerification report(AuditChainCheck check, int checkpoints,
                                            AuditChainCheck.Break broken) {
        return AuditVerification.broken(check.recordsChecked(), checkpoints, broken.id(),
                broken.reason());
    }
}
