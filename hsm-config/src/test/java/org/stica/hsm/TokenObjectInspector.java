package org.stica.hsm;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the PKCS#11 attributes of a private-key object straight from the token, through the
 * JDK's PKCS#11 wrapper (PKCS#11 v2.40 §5.7 C_FindObjects, C_GetAttributeValue), independently of
 * SunPKCS11's key classes. Needs the same {@code --add-exports} as {@link TokenSlotLocator}.
 * The module must already be logged in (private objects are visible only then).
 */
final class TokenObjectInspector {
    static final long CKA_TOKEN = 0x0001L;
    static final long CKA_SENSITIVE = 0x0103L;
    static final long CKA_EXTRACTABLE = 0x0162L;
    static final long CKA_NEVER_EXTRACTABLE = 0x0164L;
    static final long CKA_ALWAYS_SENSITIVE = 0x0165L;
    static final long CKA_LOCAL = 0x0163L;

    private static final String WRAPPER = "sun.security.pkcs11.wrapper.";
    private static final long CKA_CLASS = 0x0000L;
    private static final long CKA_ID = 0x0102L;
    private static final long CKO_PRIVATE_KEY = 0x0003L;
    private static final long CKF_SERIAL_SESSION = 0x0004L;

    private TokenObjectInspector() {
    }

    /**
     * The boolean attributes of the single private key stored under {@code alias} (SunPKCS11's
     * KeyStore gives key and certificate the CKA_ID alias bytes; the alias is the certificate's
     * CKA_LABEL).
     */
    static Map<Long, Boolean> privateKeyFlags(Path library, long slot, String alias, long... types)
            throws Exception {
        Class<?> pkcs11Type = Class.forName(WRAPPER + "PKCS11");
        Class<?> attributeType = Class.forName(WRAPPER + "CK_ATTRIBUTE");
        Class<?> initArgsType = Class.forName(WRAPPER + "CK_C_INITIALIZE_ARGS");
        Class<?> notifyType = Class.forName(WRAPPER + "CK_NOTIFY");
        Object initArgs = initArgsType.getConstructor().newInstance();
        initArgsType.getField("flags").setLong(initArgs, 2L);
        Object p11 = pkcs11Type.getMethod("getInstance", String.class, String.class, initArgsType,
                boolean.class).invoke(null, library.toString(), "C_GetFunctionList", initArgs,
                false);
        Constructor<?> longAttribute = attributeType.getConstructor(long.class, long.class);
        Constructor<?> objectAttribute = attributeType.getConstructor(long.class, Object.class);
        Constructor<?> emptyAttribute = attributeType.getConstructor(long.class);
        long session = (long) pkcs11Type.getMethod("C_OpenSession", long.class, long.class,
                Object.class, notifyType).invoke(p11, slot, CKF_SERIAL_SESSION, null, null);
        try {
            Object template = Array.newInstance(attributeType, 2);
            Array.set(template, 0, longAttribute.newInstance(CKA_CLASS,
                    CKO_PRIVATE_KEY));
            Array.set(template, 1, objectAttribute.newInstance(CKA_ID,
                    alias.getBytes(StandardCharsets.UTF_8)));
            Class<?> arrayType = template.getClass();
            pkcs11Type.getMethod("C_FindObjectsInit", long.class, arrayType)
                    .invoke(p11, session, template);
            long[] found = (long[]) pkcs11Type.getMethod("C_FindObjects", long.class, long.class)
                    .invoke(p11, session, 10L);
            pkcs11Type.getMethod("C_FindObjectsFinal", long.class).invoke(p11, session);
            if (found.length != 1) {
                throw new AssertionError(found.length + " private keys with CKA_ID " + alias);
            }
            Object query = Array.newInstance(attributeType, types.length);
            for (int i = 0; i < types.length; i++) {
                Array.set(query, i, emptyAttribute.newInstance(types[i]));
            }
            pkcs11Type.getMethod("C_GetAttributeValue", long.class, long.class, arrayType)
                    .invoke(p11, session, found[0], query);
            Method getBoolean = attributeType.getMethod("getBoolean");
            Map<Long, Boolean> flags = new LinkedHashMap<>();
            for (int i = 0; i < types.length; i++) {
                flags.put(types[i], (Boolean) getBoolean.invoke(Array.get(query,
                        i)));
            }
            return flags;
        } finally {
            pkcs11Type.getMethod("C_CloseSession", long.class).invoke(p11, session);
        }
    }
}
