package org.stica.server.cli;

import java.util.concurrent.Callable;
import org.stica.server.ceremony.CeremonyCommand;
import org.stica.server.demo.DemoCommand;
import org.stica.server.demo.EnrollCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code java -jar stica-server.jar [serve|init-ca|ceremony|demo] [--config <file>]}: the
 * server's main class. Without a subcommand it serves. Errors are printed as one line (never a
 * stack trace); the exit code is non-zero.
 */
@Command(name = "stica-server", mixinStandardHelpOptions = true,
        description = "STIR/SHAKEN certificate authority (ACME RFC 8555 + RFC 9447/9448)",
        subcommands = {ServeCommand.class, InitCaCommand.class, DemoCommand.class,
            EnrollCommand.class, AuditVerifyCommand.class, CeremonyCommand.class,
            VerifyPassportCommand.class})
public final class StiCaCommand implements Callable<Integer> {
    @Mixin
    private ConfigOption configOption = new ConfigOption();

    @Override
    public Integer call() throws Exception {
        return new ServeCommand().withConfig(configOption).call();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured picocli command line (also used by tests). */
    public static CommandLine commandLine() {
        return new CommandLine(new StiCaCommand())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + (e.getMessage() != null ? e.getMessage()
                            : e.getClass().getSimpleName()));
                    return 1;
                });
    }
}
