package org.stica.server.ca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.stica.hsm.KeyVaultConfig;
import org.stica.hsm.Pkcs11Config;
import org.stica.server.config.ConfigKey;
import org.stica.server.config.ConfigException;
import org.stica.server.config.Secret;
import org.stica.server.config.StiCaConfig;

/**
 * Turns the server configuration into a {@link KeyVaultConfig}: the PKCS#11 token when
 * {@code hsm.library} is set, else the software store {@code <dataDir>/keystore.p12} whose
 * password comes from {@code STICA_KEYSTORE_PASSWORD} or {@code <dataDir>/keystore.pass}
 * (generated, mode 0600, by {@code init-ca}). Blocking file I/O: start-up only.
 */
public final class KeyVaultSettings {
    private KeyVaultSettings() {
    }

    /** For {@code init-ca}: generates the software store password file when none is configured. */
    public static KeyVaultConfig forInit(StiCaConfig config) {
        return build(config, true);
    }

    /** For {@code serve}: a missing software store means the CA was never initialised. */
    public static KeyVaultConfig forServe(StiCaConfig config) {
        if (config.hsm().library().isEmpty() && !Files.exists(config.softwareKeyStore())) {
            throw new CaNotInitialisedException("no key store at " + config.softwareKeyStore());
        }
        return build(config, false);
    }

    private static KeyVaultConfig build(StiCaConfig config, boolean init) {
        StiCaConfig.Hsm hsm = config.hsm();
        if (hsm.library().isPresent()) {
            Pkcs11Config pkcs11 = new Pkcs11Config(hsm.library().get(), hsm.tokenLabel(),
                    hsm.slot(), hsm.pin().orElseThrow().chars(), hsm.maxSessions());
            return new KeyVaultConfig(Optional.of(pkcs11), config.softwareKeyStore(), new char[0]);
        }
        char[] password = config.keystorePassword().map(Secret::chars)
                .orElseGet(() -> passwordFromFile(config.keystorePasswordFile(), init));
        return new KeyVaultConfig(Optional.empty(), config.softwareKeyStore(), password);
    }

    private static char[] passwordFromFile(Path file, boolean create) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
            }
            if (!create) {
                throw ConfigKey.KEYSTORE_PASSWORD.invalid("is not set and " + file
                        + " does not exist");
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.toAbsolutePath().getParent());
            createOwnerOnly(file);
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
            return password.toCharArray();
        } catch (IOException e) {
            throw new ConfigException("cannot read or write the key store password file " + file
                    + ": " + e.getMessage(), e);
        }
    }

    /** Creates the empty file readable by its owner only, before any secret is written. */
    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        }
    }
}
