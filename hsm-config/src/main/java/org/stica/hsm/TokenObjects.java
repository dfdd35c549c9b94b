package org.stica.hsm;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and destroys the token objects filed under one alias, through the JDK's PKCS#11 wrapper
 * (PKCS#11 v2.40 §5.7 C_FindObjects, C_DestroyObject), underneath SunPKCS11's KeyStore, which
 * cannot address them when an alias is ambiguous (two private keys sharing a CKA_ID make every
 * KeyStore call on it fail). SunPKCS11 files a private key under its CKA_ID and the subject
 * certificate under CKA_LABEL and CKA_ID, both the alias. Uses the module instance and the login
 * that SunPKCS11 already holds (private objects are visible only while logged in).
 *
 * <p>Needs the same {@code --add-exports} as {@link TokenSlotLocator}.
 */
final class TokenObjects {
    /** CKO_PUBLIC_KEY (PKCS#11 v2.40 §4.1). */
    static final long PUBLIC_KEY = 0x0002L;
    /** CKO_PRIVATE_KEY. */
    static final long PRIVATE_KEY = 0x0003L;
    /** CKO_CERTIFICATE. */
    static final long CERTIFICATE = 0x0001L;
    /** CKA_LABEL (PKCS#11 v2.40 §4.2). */
    static final long LABEL = 0x0003L;
    /** CKA_ID (PKCS#11 v2.40 §4.7). */
    static final long ID = 0x0102L;

    private static final String WRAPPER = "sun.security.pkcs11.wrapper.";
    private static final long CKA_CLASS = 0x0000L;
    private static final long CKA_TOKEN = 0x0001L;
    private static final long CKF_RW_SESSION = 0x0002L;
    private static final long CKF_SERIAL_SESSION = 0x0004L;
    private static final long FIND_BATCH = 64;

    private final Path library;
    private final long slot;

    TokenObjects(Path library, long slot) {
        this.library = library;
        this.slot = slot;
    }

    /** Handles of the token objects of {@code objectClass} whose {@code attribute} is alias. */
    List<Long> find(long objectClass, long attribute, String alias) {
        return call("look up the objects of '" + alias + "'", (wrapper, session) -> {
            Object template = wrapper.template(objectClass, attribute, alias);
            wrapper.invoke("C_FindObjectsInit", session, template);
            List<Long> handles = new ArrayList<>();
            try {
                while (true) {
                    long[] batch = (long[]) wrapper.invoke("C_FindObjects", session, FIND_BATCH);
                    for (long handle : batch) {
                        handles.add(handle);
                    }
                    if (batch.length < FIND_BATCH) {
                        return handles;
                    }
                }
            } finally {
                wrapper.invoke("C_FindObjectsFinal", session);
            }
        });
    }

    /** Destroys the objects (PKCS#11 v2.40 §5.7 C_DestroyObject). */
    void destroy(List<Long> handles) {
        call("destroy token objects", (wrapper, session) -> {
            for (long handle : handles) {
                wrapper.invoke("C_DestroyObject", session, handle);
            }
            return null;
        });
    }

    private interface SessionWork<T> {
        T run(Wrapper wrapper, long session) throws ReflectiveOperationException;
    }

    private <T> T call(String what, SessionWork<T> work) {
        try {
            Wrapper wrapper = new Wrapper(TokenSlotLocator.module(library));
            long session = (long) wrapper.invoke("C_OpenSession", slot,
                    CKF_SERIAL_SESSION | CKF_RW_SESSION, null, null);
            try {
                return work.run(wrapper, session);
            } finally {
                wrapper.invoke("C_CloseSession", session);
            }
        } catch (IllegalAccessException | IllegalAccessError e) {
            throw new KeyVaultException(KeyVaultException.Kind.MISCONFIGURED,
                    "repairing PKCS#11 token objects needs the JVM option "
                            + TokenSlotLocator.EXPORT_OPTION, e);
        } catch (InvocationTargetException e) {
            throw new KeyVaultException(KeyVaultException.Kind.STORE_FAILURE,
                    "cannot " + what + " on slot " + slot + " of " + library + ": "
                            + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new KeyVaultException(KeyVaultException.Kind.MISCONFIGURED,
                    "this JDK has no usable SunPKCS11 wrapper (jdk.crypto.cryptoki)", e);
        }
    }

    /** Reflective calls into {@code sun.security.pkcs11.wrapper.PKCS11}. */
    private static final class Wrapper {
        private final Object pkcs11;
        private final Class<?> pkcs11Type;
        private final Class<?> attributeType;

        Wrapper(Object pkcs11) throws ClassNotFoundException {
            this.pkcs11 = pkcs11;
            this.pkcs11Type = Class.forName(WRAPPER + "PKCS11");
            this.attributeType = Class.forName(WRAPPER + "CK_ATTRIBUTE");
        }

        Object template(long objectClass, long attribute, String alias)
                throws ReflectiveOperationException {
            Constructor<?> longValue = attributeType.getConstructor(long.class, long.class);
            Constructor<?> booleanValue = attributeType.getConstructor(long.class, boolean.class);
            Constructor<?> value = attributeType.getConstructor(long.class, Object.class);
            Object template = Array.newInstance(attributeType, 3);
            Array.set(template, 0, booleanValue.newInstance(CKA_TOKEN, true));
            Array.set(template, 1, longValue.newInstance(CKA_CLASS, objectClass));
            // the alias as a String, exactly as SunPKCS11's KeyStore writes CKA_LABEL and CKA_ID
            Array.set(template, 2, value.newInstance(attribute, alias));
            return template;
        }

        Object invoke(String name, Object... arguments) throws ReflectiveOperationException {
            for (Method method : pkcs11Type.getMethods()) {
                if (method.getName().equals(name)
                        && method.getParameterCount() == arguments.length) {
                    return method.invoke(pkcs11, arguments);
                }
            }
            throw new NoSuchMethodException(name);
        }
    }
}
