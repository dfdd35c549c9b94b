package org.stica.tests.fault;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.stica.testing.SoftHsmFixture;

/**
 * The objects on a SoftHSM token as PKCS#11 sees them (v2.40 §5.7 C_FindObjects,
 * C_GetAttributeValue), read through the JDK's PKCS#11 wrapper independently of SunPKCS11's
 * KeyStore, which hides duplicates and keys without a certificate. SunPKCS11 stores a key entry
 * as a private key and a certificate sharing CKA_ID = alias (the certificate's CKA_LABEL is the
 * alias too); a key generated but never bound to its certificate keeps another CKA_ID.
 *
 * <p>Needs {@code --add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED}
 * (the build's {@code pkcs11.exports}). Read once per fixture: the wrapper keeps one module
 * instance per library path, and SoftHSM reads its token directory when that instance starts.
 */
final class TokenObjects {
    private static final String WRAPPER = "sun.security.pkcs11.wrapper.";
    private static final long CKA_CLASS = 0x0000L;
    private static final long CKA_LABEL = 0x0003L;
    private static final long CKA_ID = 0x0102L;
    private static final long CKO_CERTIFICATE = 0x0001L;
    private static final long CKO_PRIVATE_KEY = 0x0003L;
    private static final long CKF_SERIAL_SESSION = 0x0004L;
    private static final long CKF_OS_LOCKING_OK = 0x0002L;
    private static final long CKU_USER = 1L;

    /** CKA_ID of every private key and CKA_ID/CKA_LABEL of every certificate on the token. */
    record Listing(List<String> privateKeyIds, List<String> certificateIds,
                   List<String> certificateLabels) {
        long privateKeys(String alias) {
            return privateKeyIds.stream().filter(alias::equals).count();
        }

        long certificates(String alias) {
            return certificateLabels.stream().filter(alias::equals).count();
        }

        /** Private keys whose CKA_ID no certificate shares: generated, never bound. */
        List<String> unboundKeys() {
            return privateKeyIds.stream().filter(id -> !certificateIds.contains(id)).toList();
        }
    }

    private TokenObjects() {
    }

    static Listing list(SoftHsmFixture hsm) throws Exception {
        Class<?> pkcs11Type = Class.forName(WRAPPER + "PKCS11");
        Class<?> attributeType = Class.forName(WRAPPER + "CK_ATTRIBUTE");
        Class<?> initArgsType = Class.forName(WRAPPER + "CK_C_INITIALIZE_ARGS");
        Class<?> notifyType = Class.forName(WRAPPER + "CK_NOTIFY");
        Object initArgs = initArgsType.getConstructor().newInstance();
        initArgsType.getField("flags").setLong(initArgs, CKF_OS_LOCKING_OK);
        Object p11 = pkcs11Type.getMethod("getInstance", String.class, String.class, initArgsType,
                boolean.class).invoke(null, hsm.library().toString(), "C_GetFunctionList",
                initArgs, false);
        long session = (long) pkcs11Type.getMethod("C_OpenSession", long.class, long.class,
                Object.class, notifyType).invoke(p11, hsm.slot(), CKF_SERIAL_SESSION, null, null);
        try {
            pkcs11Type.getMethod("C_Login", long.class, long.class, char[].class)
                    .invoke(p11, session, CKU_USER, hsm.pin());
            List<String> keyIds = new ArrayList<>();
            for (long key : find(p11, pkcs11Type, attributeType, session, CKO_PRIVATE_KEY)) {
                keyIds.add(attribute(p11, pkcs11Type, attributeType, session, key, CKA_ID));
            }
            List<String> certIds = new ArrayList<>();
            List<String> certLabels = new ArrayList<>();
            for (long cert : find(p11, pkcs11Type, attributeType, session, CKO_CERTIFICATE)) {
                certIds.add(attribute(p11, pkcs11Type, attributeType, session, cert, CKA_ID));
                certLabels.add(attribute(p11, pkcs11Type, attributeType, session, cert, CKA_LABEL));
            }
            return new Listing(keyIds, certIds, certLabels);
        } finally {
            pkcs11Type.getMethod("C_CloseSession", long.class).invoke(p11, session);
        }
    }

    private static long[] find(Object p11, Class<?> pkcs11Type, Class<?> attributeType,
                               long session, long objectClass) throws Exception {
        Constructor<?> longAttribute = attributeType.getConstructor(long.class, long.class);
        Object template = Array.newInstance(attributeType, 1);
        Array.set(template, 0, longAttribute.newInstance(CKA_CLASS, objectClass));
        pkcs11Type.getMethod("C_FindObjectsInit", long.class, template.getClass())
                .invoke(p11, session, template);
        try {
            return (long[]) pkcs11Type.getMethod("C_FindObjects", long.class, long.class)
                    .invoke(p11, session, 1000L);
        } finally {
            pkcs11Type.getMethod("C_FindObjectsFinal", long.class).invoke(p11, session);
        }
    }

    private static String attribute(Object p11, Class<?> pkcs11Type, Class<?> attributeType,
                                    long session, long object, long type) throws Exception {
        Object query = Array.newInstance(attributeType, 1);
        Array.set(query, 0, attributeType.getConstructor(long.class).newInstance(type));
        pkcs11Type.getMethod("C_GetAttributeValue", long.class, long.class, query.getClass())
                .invoke(p11, session, object, query);
        Object value = attributeType.getField("pValue").get(Array.get(query, 0));
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof char[] chars) {
            return new String(chars);
        }
        return String.valueOf(value);
    }
}
