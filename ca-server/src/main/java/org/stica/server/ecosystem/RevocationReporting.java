package org.stica.server.ecosystem;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Reporting this CA's revocations to the STI-PA (port; issue 20; STANDARDS.md §4.2 item 7,
 * §4.5 item 4, §6.1 mode 1). Under the STI-PA ({@code ecosystem.mode=sti-pa}) verifiers read the
 * STI-PA's CRL, which the certificates name, not this CA's: a revocation takes effect for them
 * only once the STI-PA lists it, so every revocation must reach the STI-PA.
 *
 * <p>Revocations are queued durably by the revocation itself: the statement that marks a
 * certificate revoked also inserts its {@code revocation_report} row (and its audit event), so a
 * crash can lose neither. This port hides how the queue reaches the STI-PA. <b>The STI-PA's API
 * for revocation requests is UNCONFIRMED</b> (STANDARDS.md §4.2 item 7, §8 item 4): the one
 * implementation, {@link SignedExportReporting}, writes a signed export that the operator
 * downloads and submits to the STI-PA through whatever channel the STI-PA prescribes, then
 * marks submitted. An implementation calling the STI-PA's API can take its place once that API
 * is known. Every step is audited.
 */
public interface RevocationReporting {
    /** The revocations no export carries yet, oldest first. */
    Future<List<PendingReport>> pending();

    /**
     * Signs the pending revocations into one export and binds them to it; fails with a 409
     * problem when none is pending or another export took them meanwhile.
     */
    Future<ReportExport> export(String actor);

    /** The newest exports (without their documents). */
    Future<List<ReportExport>> exports();

    /** One export with its signed document; a 404 problem when unknown. */
    Future<ReportExport> download(long id);

    /**
     * Records that the operator submitted export {@code id} to the STI-PA (with the STI-PA's
     * reference, if it gave one); 404 when unknown, 409 when already marked.
     */
    Future<ReportExport> markSubmitted(long id, String actor, Optional<String> reference);
}
