package org.stica.server.cli;

import java.util.concurrent.Callable;
import org.stica.server.audit.AuditVerification;
import org.stica.server.audit.AuditVerifyRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code audit-verify}: verifies the whole audit hash chain and its HSM-signed checkpoints.
 * Prints {@code intact} (exit 0) or the first broken record's id and why (exit 2).
 */
@Command(name = "audit-verify", mixinStandardHelpOptions = true,
        description = "Verify the audit log's hash chain and signed checkpoints")
public final class AuditVerifyCommand implements Callable<Integer> {
    /** Exit code when the chain is broken. */
    public static final int BROKEN = 2;

    @Mixin
    private ConfigOption configOption = new ConfigOption();

    @Override
    public Integer call() {
        AuditVerification result = AuditVerifyRun.run(configOption.load());
        if (result.intact()) {
            System.out.println("audit chain intact: " + result.recordsChecked() + " record(s), "
                    + result.checkpointsChecked() + " signed checkpoint(s)");
            return 0;
        }
        System.out.println("audit chain BROKEN at record " + result.firstBrokenId().orElseThrow()
                + ": " + result.reason().orElse("") + " (" + result.recordsChecked()
                + " record(s) verified before it)");
        return BROKEN;
    }
}
