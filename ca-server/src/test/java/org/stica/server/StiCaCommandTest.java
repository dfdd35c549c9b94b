package org.stica.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stica.server.cli.StiCaCommand;
import picocli.CommandLine;

class StiCaCommandTest {

    @Test
    void commandLine_listsServeInitCaAndDemo() {
        CommandLine cli = StiCaCommand.commandLine();

        assertTrue(cli.getSubcommands().keySet().containsAll(
                java.util.List.of("serve", "init-ca", "demo")), cli.getSubcommands().toString());
    }

    @Test
    void serve_invalidConfigFile_exitsNonZeroNamingTheKey(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("stica.yaml");
        Files.writeString(yaml, "http:\n  port: abc\n");
        CommandLine cli = StiCaCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("serve", "--config", yaml.toString());

        assertEquals(1, exit);
        assertTrue(err.toString().contains(
                "invalid configuration: http.port (STICA_HTTP_PORT) must be 1-65535, got 'abc'"),
                err.toString());
    }

    @Test
    void defaultCommand_invalidConfigFile_alsoLoadsTheConfig(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("stica.yaml");
        Files.writeString(yaml, "ca:\n  country: USA\n");
        CommandLine cli = StiCaCommand.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("--config", yaml.toString());

        assertEquals(1, exit);
        assertTrue(err.toString().contains("ca.country (STICA_CA_COUNTRY)"), err.toString());
    }
}
