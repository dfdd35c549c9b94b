package org.stica.server.pa.login;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.util.Arrays;

/**
 * SP login passwords as Argon2id (RFC 9106) through Bouncy Castle's generator, in the PHC string
 * format {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} (standard base64
 * without padding), so the cost can be raised later without breaking stored hashes. Cost:
 * 19 MiB, 2 passes, 1 lane (the OWASP minimum; about 40 ms). Hashing runs on a small named worker
 * pool, never on an event loop (ARCHITECTURE.md §3 rule 4). A missing hash is verified against a
 * dummy one, so an unknown user id costs the same time as a wrong password; the comparison is
 * constant-time.
 */
public final class PasswordHasher {
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int PASSES = 2;
    private static final int LANES = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "^\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)"
                    + "\\$([A-Za-z0-9+/]+)$");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WorkerExecutor workers;
    private final String dummy;

    /** {@code workers}: the pool the hashing runs on. */
    public PasswordHasher(WorkerExecutor workers) {
        this.workers = workers;
        this.dummy = hashNow("no-such-user-" + RANDOM.nextLong());
    }

    /** The PHC string of {@code password} with a fresh salt. */
    public Future<String> hash(String password) {
        return workers.executeBlocking(() -> hashNow(password), false);
    }

    /** Whether {@code password} matches {@code phc}; an absent hash never matches. */
    public Future<Boolean> verify(String password, Optional<String> phc) {
        return workers.executeBlocking(() -> matches(password, phc.orElse(dummy))
                && phc.isPresent(), false);
    }

    static String hashNow(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, salt, MEMORY_KIB, PASSES, LANES, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + PASSES + ",p=" + LANES + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    static boolean matches(String password, String phc) {
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(m.group(4));
        byte[] expected = Base64.getDecoder().decode(m.group(5));
        byte[] actual = derive(password, salt, Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), expected.length);
        return Arrays.constantTimeAreEqual(expected, actual);
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int passes,
                                 int lanes, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKib)
                .withIterations(passes).withParallelism(lanes).withSalt(salt).build());
        byte[] out = new byte[length];
        generator.generateBytes(password.toCharArray(), out);
        return out;
    }
}
