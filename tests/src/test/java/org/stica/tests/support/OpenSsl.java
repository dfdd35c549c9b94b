package org.stica.tests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an independent tool ({@code openssl}, {@code curl}) and returns exit code and output. Its
 * standard input is closed at once, so {@code openssl s_client} ends after the handshake.
 */
public final class OpenSsl {
    public record Result(int exitCode, String output) {
    }

    private OpenSsl() {
    }

    public static Result run(List<String> args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("openssl timed out: " + args);
        }
        return new Result(p.exitValue(), out);
    }
}
