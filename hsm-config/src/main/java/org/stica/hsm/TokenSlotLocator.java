package org.stica.hsm;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the slot holding the token with a given label (PKCS#11 v2.40 §5.5 C_GetSlotList,
 * C_GetTokenInfo; CK_TOKEN_INFO.label is 32 blank-padded characters). SunPKCS11 selects a token
 * only by slot id or slot index, so this reads the token labels through the JDK's own PKCS#11
 * wrapper ({@code sun.security.pkcs11.wrapper}), the same per-library module instance that
 * SunPKCS11 uses afterwards.
 *
 * <p>That package is not exported: the JVM must run with
 * {@code --add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED} (or the jar
 * manifest attribute {@code Add-Exports: jdk.crypto.cryptoki/sun.security.pkcs11.wrapper}).
 * Without it, selecting by label fails with a message saying so; selecting by slot id works.
 */
final class TokenSlotLocator {
    static final String EXPORT_OPTION =
            "--add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED";

    private static final String WRAPPER = "sun.security.pkcs11.wrapper.";
    /** CKF_OS_LOCKING_OK, as SunPKCS11 passes it, so both share one initialised module. */
    private static final long CKF_OS_LOCKING_OK = 0x00000002L;
    /** Listings tried before a PKCS#11 error is final (see {@link #pause}). */
    static final int LISTING_ATTEMPTS = 5;

    private TokenSlotLocator() {
    }

    /**
     * The slot id of the single present token labelled {@code label}.
     *
     * @throws KeyVaultException MISCONFIGURED when no token or several tokens carry the label or
     *                           the wrapper is not accessible; STORE_FAILURE on a PKCS#11 error
     *                           that persists over {@link #LISTING_ATTEMPTS} listings
     */
    static long slotOf(Path library, String label) {
        for (int attempt = 1; ; attempt++) {
            try {
                return slotOnce(library, label);
            } catch (KeyVaultException e) {
                if (e.kind() != KeyVaultException.Kind.STORE_FAILURE
                        || attempt == LISTING_ATTEMPTS) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /**
     * A token directory that another process is writing (several instances provisioning a fresh
     * SoftHSM token at once) can make one listing fail with CKR_GENERAL_ERROR; the next one
     * reads the finished files. Waits 100 ms, 200 ms, ... between attempts.
     */
    private static void pause(int attempt) {
        try {
            Thread.sleep(100L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeyVaultException(KeyVaultException.Kind.STORE_FAILURE,
                    "interrupted while listing PKCS#11 tokens", e);
        }
    }

    private static long slotOnce(Path library, String label) {
        List<Long> matches = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try {
            Object pkcs11 = module(library);
            Method tokenInfo = pkcs11.getClass().getMethod("C_GetTokenInfo", long.class);
            long[] slots = (long[]) pkcs11.getClass().getMethod("C_GetSlotList", boolean.class)
                    .invoke(pkcs11, true);
            for (long slot : slots) {
                Object info = tokenInfo.invoke(pkcs11, slot);
                String tokenLabel = stripPadding((char[]) info.getClass().getField("label")
                        .get(info));
                seen.add(tokenLabel);
                if (tokenLabel.equals(label)) {
                    matches.add(slot);
                }
            }
        } catch (IllegalAccessException | IllegalAccessError e) {
            throw new KeyVaultException(KeyVaultException.Kind.MISCONFIGURED,
                    "selecting a PKCS#11 token by label needs the JVM option " + EXPORT_OPTION
                            + " (or configure the slot id instead)", e);
        } catch (InvocationTargetException e) {
            throw new KeyVaultException(KeyVaultException.Kind.STORE_FAILURE,
                    "cannot list the tokens of PKCS#11 library " + library + ": "
                            + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new KeyVaultException(KeyVaultException.Kind.MISCONFIGURED,
                    "this JDK has no usable SunPKCS11 wrapper (jdk.crypto.cryptoki)", e);
        }
        if (matches.size() != 1) {
            throw new KeyVaultException(KeyVaultException.Kind.MISCONFIGURED,
                    (matches.isEmpty() ? "no" : "more than one") + " PKCS#11 token labelled '"
                            + label + "' in " + library + " (tokens present: " + seen + ")");
        }
        return matches.get(0);
    }

    /** The wrapper's PKCS11 instance for the library, initialised like SunPKCS11 does it. */
    static Object module(Path library) throws ReflectiveOperationException {
        Class<?> pkcs11 = Class.forName(WRAPPER + "PKCS11");
        Class<?> initArgsType = Class.forName(WRAPPER + "CK_C_INITIALIZE_ARGS");
        if (!pkcs11.getModule().isExported(pkcs11.getPackageName(),
                TokenSlotLocator.class.getModule())) {
            throw new IllegalAccessException("package not exported");
        }
        Constructor<?> constructor = initArgsType.getConstructor();
        Object initArgs = constructor.newInstance();
        initArgsType.getField("flags").setLong(initArgs, CKF_OS_LOCKING_OK);
        Method getInstance = pkcs11.getMethod("getInstance", String.class, String.class,
                initArgsType, boolean.class);
        return getInstance.invoke(null, library.toString(), "C_GetFunctionList", initArgs, false);
    }

    private static String stripPadding(char[] label) {
        return label == null ? "" : new String(label).stripTrailing();
    }
}
