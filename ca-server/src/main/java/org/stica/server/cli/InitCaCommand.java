package org.stica.server.cli;

import java.util.concurrent.Callable;
import org.stica.server.StiCaServer;
import org.stica.server.ca.CaHierarchy;
import org.stica.server.config.StiCaConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code init-ca}: creates the root, intermediate and CRL signer keys and certificates once. */
@Command(name = "init-ca", mixinStandardHelpOptions = true,
        description = "Create the CA hierarchy (root, intermediate, CRL signer); runs once")
public final class InitCaCommand implements Callable<Integer> {
    @Mixin
    private ConfigOption configOption = new ConfigOption();

    @Override
    public Integer call() {
        StiCaConfig config = configOption.load();
        CaHierarchy hierarchy = StiCaServer.initCa(config);
        System.out.println("CA hierarchy created:");
        System.out.println("  root:         "
                + hierarchy.root().getSubjectX500Principal().getName());
        System.out.println("  intermediate: "
                + hierarchy.intermediate().getSubjectX500Principal().getName());
        System.out.println("  CRL signer:   "
                + hierarchy.crlSigner().getSubjectX500Principal().getName());
        System.out.println("  CRL URL:      " + hierarchy.crlUrl());
        System.out.println("  files:        " + config.dataDir().resolve("ca").resolve("root.pem")
                + ", " + config.dataDir().resolve("ca").resolve("chain.pem"));
        return 0;
    }
}
