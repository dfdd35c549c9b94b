package org.stica.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stica.hsm.Pkcs11Config;

/**
 * A fresh SoftHSM2 token for one test: {@link #create} initialises a token with a random label
 * suffix, user PIN and SO PIN through {@code softhsm2-util}; {@link #close()} deletes it.
 *
 * <p>SoftHSM reads {@code SOFTHSM2_CONF} (set by the build for every module's tests) and scans its
 * token directory once, when the library is initialised; a token made later in the same JVM is
 * invisible to an already-loaded library. So each fixture hands out its own copy of
 * {@code libsofthsm2.so} ({@link #library()}): the JVM loads it as a separate module instance that
 * sees the new token. Tests never skip: a missing SoftHSM or an unset {@code SOFTHSM2_CONF} fails.
 */
public final class SoftHsmFixture implements AutoCloseable {
    /** Where SoftHSM2 installs its PKCS#11 module on common systems. */
    private static final List<String> LIBRARY_CANDIDATES = List.of(
            "/usr/lib/softhsm/libsofthsm2.so",
            "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
            "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
            "/usr/lib64/pkcs11/libsofthsm2.so",
            "/usr/local/lib/softhsm/libsofthsm2.so",
            "/opt/homebrew/lib/softhsm/libsofthsm2.so");
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");
    private static final int MAX_LABEL = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path library;
    private final String tokenLabel;
    private final char[] pin;
    private final long slot;

    private SoftHsmFixture(Path library, String tokenLabel, char[] pin, long slot) {
        this.library = library;
        this.tokenLabel = tokenLabel;
        this.pin = pin;
        this.slot = slot;
    }

    /** Initialises a token labelled {@code <label>-<8 hex digits>} with random PINs. */
    public static synchronized SoftHsmFixture create(String label) {
        String suffix = randomHex(4);
        String tokenLabel = label + "-" + suffix;
        if (tokenLabel.length() > MAX_LABEL) {
            throw new IllegalArgumentException("token label prefix too long (max "
                    + (MAX_LABEL - suffix.length() - 1) + "): " + label);
        }
        Path directory = ensureConfiguration();
        Path library = copyLibrary(directory, tokenLabel);
        String pin = randomHex(8);
        String output = softhsm("--init-token", "--free", "--label", tokenLabel, "--pin", pin,
                "--so-pin", randomHex(8));
        Matcher slot = SLOT.matcher(output);
        if (!slot.find()) {
            throw new IllegalStateException("softhsm2-util did not report the new token's slot: "
                    + output);
        }
        return new SoftHsmFixture(library, tokenLabel, pin.toCharArray(),
                Long.parseLong(slot.group(1)));
    }

    /** This fixture's copy of the SoftHSM2 PKCS#11 module. */
    public Path library() {
        return library;
    }

    public String tokenLabel() {
        return tokenLabel;
    }

    /** The user PIN (a copy). */
    public char[] pin() {
        return pin.clone();
    }

    /** The slot id SoftHSM assigned to the token. */
    public long slot() {
        return slot;
    }

    /** Selects the token by label, as {@code STICA_HSM_TOKEN_LABEL} does. */
    public Pkcs11Config pkcs11Config(int maxSessions) {
        return new Pkcs11Config(library, Optional.of(tokenLabel), OptionalLong.empty(), pin(),
                maxSessions);
    }

    /** Selects the token by slot id (needs no JVM option). */
    public Pkcs11Config pkcs11ConfigBySlot(int maxSessions) {
        return new Pkcs11Config(library, Optional.empty(), OptionalLong.of(slot), pin(),
                maxSessions);
    }

    /** Deletes the token and this fixture's library copy. */
    @Override
    public void close() {
        softhsm("--delete-token", "--token", tokenLabel);
        try {
            Files.deleteIfExists(library);
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete " + library, e);
        }
    }

    /** Writes softhsm2.conf at SOFTHSM2_CONF when missing; returns the fixture directory. */
    private static Path ensureConfiguration() {
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null || conf.isBlank()) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set: run the tests through Maven"
                    + " (the parent pom sets it) or export it");
        }
        Path confFile = Path.of(conf).toAbsolutePath();
        String property = System.getProperty("stica.softhsm.dir");
        Path directory = property == null || property.isBlank() ? confFile.getParent()
                : Path.of(property).toAbsolutePath();
        try {
            Files.createDirectories(directory);
            if (!Files.exists(confFile)) {
                Path tokens = Files.createDirectories(directory.resolve("tokens"));
                Files.createDirectories(confFile.getParent());
                Files.writeString(confFile, String.join("\n",
                        "directories.tokendir = " + tokens,
                        "objectstore.backend = file",
                        "log.level = ERROR",
                        "slots.removable = false",
                        ""), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the SoftHSM configuration " + confFile,
                    e);
        }
        return directory;
    }

    private static Path copyLibrary(Path directory, String tokenLabel) {
        Path installed = installedLibrary();
        try {
            Path libraries = Files.createDirectories(directory.resolve("lib"));
            Path copy = libraries.resolve("libsofthsm2-" + tokenLabel + ".so");
            Files.copy(installed.toRealPath(), copy);
            return copy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy the SoftHSM2 library " + installed, e);
        }
    }

    private static Path installedLibrary() {
        String configured = System.getenv("STICA_SOFTHSM_LIBRARY");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return LIBRARY_CANDIDATES.stream().map(Path::of).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("SoftHSM2 is required for this test"
                        + " but libsofthsm2.so was not found in " + LIBRARY_CANDIDATES
                        + " (apt-get install softhsm2, or set STICA_SOFTHSM_LIBRARY)"));
    }

    private static String softhsm(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("softhsm2-util");
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("softhsm2-util " + arguments[0] + " failed: "
                        + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("SoftHSM2 is required for this test but softhsm2-util"
                    + " could not run (apt-get install softhsm2)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running softhsm2-util", e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
