package org.stica.tests.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One STI-CA instance as a child JVM ({@code StiCaCommand serve} on the test JVM's class path),
 * configured only through {@code STICA_*} environment variables, its stdout and stderr appended
 * to a log file under {@code target/}. The faults: {@link #kill()} (SIGKILL) and
 * {@link #terminate()} (SIGTERM).
 */
final class ServerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).build();
    /** Small and C1-only: up to four JVMs share two cores with PostgreSQL and the load. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "--add-exports", "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED");

    private final String name;
    private final Map<String, String> env;
    private final Path log;
    private final Thread shutdownHook;
    private Process process;

    private ServerProcess(String name, Map<String, String> env, Path log) {
        this.name = name;
        this.env = Map.copyOf(env);
        this.log = log;
        this.shutdownHook = new Thread(this::killQuietly, "server-kill-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Launches {@code serve} (does not wait; see {@link #awaitReady}). */
    static ServerProcess launch(String name, Map<String, String> env, Path log) throws IOException {
        ServerProcess server = new ServerProcess(name, env, log);
        server.process = server.spawn("serve");
        return server;
    }

    /** Runs a one-shot subcommand ({@code init-ca}, {@code audit-verify}) to its end. */
    static Completed runCommand(String subcommand, Map<String, String> env, Path log,
                                Duration timeout) throws Exception {
        ServerProcess once = new ServerProcess(subcommand, env, log);
        try {
            long before = Files.exists(log) ? Files.size(log) : 0;
            Process p = once.spawn(subcommand);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(subcommand + " did not finish within " + timeout);
            }
            byte[] all = Files.readAllBytes(log);
            String output = new String(all, (int) before, all.length - (int) before,
                    StandardCharsets.UTF_8);
            return new Completed(p.exitValue(), output);
        } finally {
            once.close();
        }
    }

    record Completed(int exitCode, String output) {
    }

    String name() {
        return name;
    }

    Map<String, String> env() {
        return env;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    String publicUrl() {
        return env.get("STICA_PUBLIC_URL");
    }

    String adminUrl() {
        return "http://127.0.0.1:" + env.get("STICA_ADMIN_PORT");
    }

    String directoryUrl() {
        return publicUrl() + "/acme/directory";
    }

    /**
     * Waits until the ACME directory answers 200 and the admin API answers; fails at once if
     * the process died.
     */
    void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited " + process.exitValue()
                        + " before it was ready:\n" + logTail(40));
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(directoryUrl()))
                        .timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                // the admin API (SP registration) listens a moment after the public port
                HttpResponse<Void> admin = HTTP.send(HttpRequest.newBuilder(URI.create(
                        adminUrl() + "/admin/v1/health")).timeout(Duration.ofSeconds(2))
                        .header("Authorization", "Bearer " + env.get("STICA_ADMIN_TOKEN"))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200 && admin.statusCode() > 0) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + logTail(40));
    }

    /** Fault: SIGKILL, then waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL for 30 s");
        }
    }

    /** Fault: SIGTERM (does not wait; see {@link #awaitExit}). */
    void terminate() {
        process.destroy();
    }

    /** The exit code, or empty when still running after {@code timeout}. */
    OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return OptionalInt.of(process.exitValue());
        }
        return OptionalInt.empty();
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Kills the process if it still runs (SIGKILL: the test is over). */
    @Override
    public void close() {
        killQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and runs the hook
        }
    }

    private void killQuietly() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Process spawn(String subcommand) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(classPath());
        command.add("org.stica.server.cli.StiCaCommand");
        command.add(subcommand);
        Files.createDirectories(log.getParent());
        Files.writeString(log, "=== " + java.time.Instant.now() + " " + name + ": " + subcommand + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("STICA_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    /**
     * The test class path: failsafe may start the test JVM from a manifest-only jar, in which
     * case {@code java.class.path} is that jar and the real path is in a surefire property.
     */
    static String classPath() {
        String real = System.getProperty("surefire.test.class.path");
        return real != null && !real.isBlank() ? real : System.getProperty("java.class.path");
    }
}
