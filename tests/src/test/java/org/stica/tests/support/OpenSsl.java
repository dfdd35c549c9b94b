package org.stica.tests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the independent verifier ({@code openssl}) and returns exit code and output. */
public final class OpenSsl {
    public record Result(int exitCode, String output) {
    }

    private OpenSsl() {
    }

    public static Result run(List<String> args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("openssl timed out: " + args);
        }
        return new Result(p.exitValue(), out);
    }
}
