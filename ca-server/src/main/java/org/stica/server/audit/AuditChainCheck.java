package org.stica.server.audit;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Map;
import java.util.Optional;

/**
 * The pure decision over the chain, fed record by record in id order: ids contiguous from 1,
 * each {@code prevHash} equal to the previous record's hash, each hash recomputed from the
 * record's fields, each checkpoint's hash equal to its record's and its signature valid under
 * the audit signer's public key. Returns the first problem found (fail closed: a checkpoint that
 * cannot be verified is a break).
 */
public final class AuditChainCheck {
    private final Map<Long, AuditCheckpoint> checkpoints;
    private final Optional<PublicKey> signerKey;
    private long expectedId = 1;
    private String previousHash = AuditRecord.GENESIS;

    public AuditChainCheck(Map<Long, AuditCheckpoint> checkpoints,
                           Optional<PublicKey> signerKey) {
        this.checkpoints = Map.copyOf(checkpoints);
        this.signerKey = signerKey;
    }

    /** Checks the next record; a present result names why record {@code expectedId} broke. */
    public Optional<Break> accept(AuditRecord record) {
        if (record.id() != expectedId) {
            return Optional.of(new Break(expectedId, "record " + expectedId + " is missing"));
        }
        if (!record.prevHash().equals(previousHash)) {
            return Optional.of(new Break(record.id(),
                    "previous-hash link does not match record " + (record.id() - 1)));
        }
        if (!record.hash().equals(record.expectedHash())) {
            return Optional.of(new Break(record.id(), "record contents do not match its hash"));
        }
        AuditCheckpoint checkpoint = checkpoints.get(record.id());
        if (checkpoint != null) {
            Optional<String> problem = checkpointProblem(checkpoint, record);
            if (problem.isPresent()) {
                return Optional.of(new Break(record.id(), problem.get()));
            }
        }
        expectedId++;
        previousHash = record.hash();
        return Optional.empty();
    }

    /** After the last record: a checkpoint beyond the end means records were cut off. */
    public Optional<Break> finish() {
        long last = expectedId - 1;
        return checkpoints.keySet().stream().filter(id -> id > last).min(Long::compare)
                .map(id -> new Break(expectedId, "records " + expectedId + ".." + id
                        + " are missing (a signed checkpoint covers record " + id + ")"));
    }

    public long recordsChecked() {
        return expectedId - 1;
    }

    private Optional<String> checkpointProblem(AuditCheckpoint checkpoint, AuditRecord record) {
        if (!checkpoint.hash().equals(record.hash())) {
            return Optional.of("hash differs from the signed checkpoint");
        }
        if (signerKey.isEmpty()) {
            return Optional.of("no audit signer key to verify the checkpoint");
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(signerKey.get());
            verifier.update(checkpoint.signedBytes());
            return verifier.verify(checkpoint.signature()) ? Optional.empty()
                    : Optional.of("checkpoint signature is invalid");
        } catch (GeneralSecurityException e) {
            return Optional.of("checkpoint signature is invalid");
        }
    }

    /** Where and why the chain broke. */
    public record Break(long id, String reason) {
    }
}
