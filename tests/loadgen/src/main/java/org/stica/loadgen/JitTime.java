package org.stica.loadgen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Time a JVM's JIT compilers have spent so far, in seconds: this generator's own (its
 * {@link CompilationMXBean}) or another JVM's on this machine, such as the server under test
 * ({@code jstat -compiler <pid>}, the JDK's tool next to this JVM's {@code java}). A process that
 * is not a JVM (Pebble), or a JDK without {@code jstat}, gives -1.
 */
final class JitTime {
    private static final CompilationMXBean SELF = ManagementFactory.getCompilationMXBean();

    private JitTime() {
    }

    /** This JVM's total compilation time, or -1 when the JVM does not measure it. */
    static double self() {
        return SELF != null && SELF.isCompilationTimeMonitoringSupported()
                ? SELF.getTotalCompilationTime() / 1000.0 : -1;
    }

    /** The total compilation time of the JVM {@code pid}, or -1. */
    static double of(String pid) {
        Path jstat = jstat();
        if (pid == null || jstat == null) {
            return -1;
        }
        try {
            Process p = new ProcessBuilder(jstat.toString(), "-compiler", pid)
                    .redirectErrorStream(true).start();
            String header;
            String values;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                header = out.readLine();
                values = out.readLine();
            }
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return -1;
            }
            return column(header, values, "Time");
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The value under {@code name} in jstat's two lines of output, or -1. */
    static double column(String header, String values, String name) {
        if (header == null || values == null) {
            return -1;
        }
        String[] names = header.trim().split("\\s+");
        String[] cells = values.trim().split("\\s+");
        for (int i = 0; i < names.length && i < cells.length; i++) {
            if (names[i].equals(name)) {
                try {
                    return Double.parseDouble(cells[i]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static Path jstat() {
        return ProcessHandle.current().info().command()
                .map(java -> Path.of(java).resolveSibling("jstat"))
                .filter(Files::isExecutable).orElse(null);
    }
}
