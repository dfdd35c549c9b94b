package org.stica.hsm;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds, labels and destroys the token objects filed under one alias, through the JDK's PKCS#11
 * wrapper (PKCS#11 v2.40 §5.7 C_FindObjects, C_SetAttributeValue, C_DestroyObject), underneath
 * SunPKCS11's KeyStore, which cannot address them when an alias is ambiguous (two private keys
 * sharing a CKA_ID make every KeyStore call on it fail). SunPKCS11 files a private key under its
 * CKA_ID and the subject certificate under CKA_LABEL and CKA_ID, both the alias. Uses the module
 * instance and the login that SunPKCS11 already holds (private objects are visible only while
 * logged in).
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
    /** CKA_VALUE: the DER encoding of a certificate object (PKCS#11 v2.40 §4.6.3). */
    static final long VALUE = 0x0011L;
    /** CKA_EC_POINT: the point of an EC public key object (PKCS#11 v2.40 §2.3.3). */
    static final long EC_POINT = 0x0181L;

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
        return find(objectClass, attribute, (Object) alias, "the objects of '" + alias + "'");
    }

    /**
     * Gives every object of a stored key entry a CKA_LABEL and a CKA_ID. SunPKCS11's
     * {@code setKeyEntry} sets only the private key's CKA_ID and the subject certificate's
     * CKA_LABEL and CKA_ID (both the alias), and gives CA certificates it adds a CKA_ID but no
     * label. This adds CKA_LABEL = alias to the private key, CKA_LABEL and CKA_ID = alias to
     * the public key (found by its CKA_EC_POINT), and to each CA certificate of the chain that
     * has no label, CKA_LABEL = "CA " + its subject and serial: a label no key alias has, since
     * SunPKCS11 renames an alias whose certificate label is shared.
     *
     * @return the number of objects changed
     */
    int label(String alias, ECPublicKey publicKey, List<X509Certificate> chain) {
        int changed = 0;
        for (long key : find(PRIVATE_KEY, ID, alias)) {
            setText(key, new long[] {LABEL}, alias);
            changed++;
        }
        byte[] point = uncompressedPoint(publicKey);
        List<Long> publicKeys = find(PUBLIC_KEY, EC_POINT, derOctetString(point),
                "the public key of '" + alias + "'");
        if (publicKeys.isEmpty()) {
            publicKeys = find(PUBLIC_KEY, EC_POINT, point, "the public key of '" + alias + "'");
        }
        for (long key : publicKeys) {
            setText(key, new long[] {LABEL, ID}, alias);
            changed++;
        }
        for (X509Certificate certificate : chain.subList(1, chain.size())) {
            byte[] encoded;
            try {
                encoded = certificate.getEncoded();
            } catch (CertificateEncodingException e) {
                throw new KeyVaultException(KeyVaultException.Kind.STORE_FAILURE,
                        "cannot encode a CA certificate of '" + alias + "'", e);
            }
            String label = "CA " + certificate.getSubjectX500Principal().getName()
                    + " #" + certificate.getSerialNumber().toString(16);
            for (long handle : find(CERTIFICATE, VALUE, encoded, "a CA certificate of '"
                    + alias + "'")) {
                if (!hasLabel(handle)) {
                    setText(handle, new long[] {LABEL}, label);
                    changed++;
                }
            }
        }
        return changed;
    }

    private List<Long> find(long objectClass, long attribute, Object value, String what) {
        return call("look up " + what, (wrapper, session) -> {
            Object template = wrapper.template(objectClass, attribute, value);
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

    private void setText(long handle, long[] attributes, String value) {
        call("label token object " + handle, (wrapper, session) -> {
            Object template = wrapper.texts(attributes, value);
            wrapper.invoke("C_SetAttributeValue", session, handle, template);
            return null;
        });
    }

    private boolean hasLabel(long handle) {
        return call("read the label of token object " + handle, (wrapper, session) -> {
            Object template = wrapper.empty(LABEL);
            wrapper.invoke("C_GetAttributeValue", session, handle, template);
            Object value = wrapper.value(template);
            return value instanceof char[] chars ? chars.length > 0
                    : value instanceof byte[] bytes && bytes.length > 0;
        });
    }

    /** The X9.62 uncompressed encoding 04 || X || Y of the public point. */
    static byte[] uncompressedPoint(ECPublicKey key) {
        int size = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        byte[] point = new byte[1 + 2 * size];
        point[0] = 0x04;
        copyUnsigned(key.getW().getAffineX().toByteArray(), point, 1, size);
        copyUnsigned(key.getW().getAffineY().toByteArray(), point, 1 + size, size);
        return point;
    }

    private static void copyUnsigned(byte[] value, byte[] target, int offset, int size) {
        int skip = Math.max(0, value.length - size);
        int length = value.length - skip;
        System.arraycopy(value, skip, target, offset + size - length, length);
    }

    /** CKA_EC_POINT as most tokens (SoftHSM among them) store it: a DER OCTET STRING. */
    static byte[] derOctetString(byte[] content) {
        if (content.length > 127) {
            throw new IllegalArgumentException("EC point too long: " + content.length);
        }
        byte[] der = new byte[content.length + 2];
        der[0] = 0x04;
        der[1] = (byte) content.length;
        System.arraycopy(content, 0, der, 2, content.length);
        return der;
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

        Object template(long objectClass, long attribute, Object value)
                throws ReflectiveOperationException {
            Constructor<?> longValue = attributeType.getConstructor(long.class, long.class);
            Constructor<?> booleanValue = attributeType.getConstructor(long.class, boolean.class);
            Constructor<?> valueOf = attributeType.getConstructor(long.class, Object.class);
            Object template = Array.newInstance(attributeType, 3);
            Array.set(template, 0, booleanValue.newInstance(CKA_TOKEN, true));
            Array.set(template, 1, longValue.newInstance(CKA_CLASS, objectClass));
            // an alias as a String, exactly as SunPKCS11's KeyStore writes CKA_LABEL and CKA_ID
            Array.set(template, 2, valueOf.newInstance(attribute, value));
            return template;
        }

        /** A template setting each of {@code attributes} to the text, as SunPKCS11 does. */
        Object texts(long[] attributes, String text) throws ReflectiveOperationException {
            Constructor<?> valueOf = attributeType.getConstructor(long.class, Object.class);
            Object template = Array.newInstance(attributeType, attributes.length);
            for (int i = 0; i < attributes.length; i++) {
                Array.set(template, i, valueOf.newInstance(attributes[i], text));
            }
            return template;
        }

        /** A one-attribute template to read {@code attribute} into. */
        Object empty(long attribute) throws ReflectiveOperationException {
            Object template = Array.newInstance(attributeType, 1);
            Array.set(template, 0, attributeType.getConstructor(long.class)
                    .newInstance(attribute));
            return template;
        }

        /** The value read into a one-attribute template (null when the token has none). */
        Object value(Object template) throws ReflectiveOperationException {
            return attributeType.getField("pValue").get(Array.get(template, 0));
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
