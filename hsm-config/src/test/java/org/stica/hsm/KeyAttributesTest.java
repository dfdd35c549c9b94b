package org.stica.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.testing.SoftHsmFixture;

/**
 * The PKCS#11 objects that {@link Pkcs11KeyVault} leaves on a fresh SoftHSM token: private keys
 * sign-only, sensitive and never extractable; a CKA_LABEL and a CKA_ID on every object; the same
 * CKA_ID on a key pair and its certificate. Checked with OpenSC's {@code pkcs11-tool}, as an
 * operator would, and attribute by attribute through the JDK's PKCS#11 wrapper.
 */
class KeyAttributesTest {
    private static final long CKA_SIGN = 0x0108L;
    private static final long CKA_SIGN_RECOVER = 0x0109L;
    private static final long CKA_DECRYPT = 0x0105L;
    private static final long CKA_UNWRAP = 0x0107L;
    private static final long CKA_DERIVE = 0x010CL;

    private static final List<String> ALIASES = List.of("root", "intermediate", "crl-signer",
            "issuing");

    private static SoftHsmFixture hsm;
    private static String offlineRootLabel;

    @BeforeAll
    static void createTokenWithAHierarchy() throws Exception {
        hsm = SoftHsmFixture.create("keyattrs");
        try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(hsm.pkcs11Config(2))) {
            PublicKey rootKey = vault.generate("root");
            X509Certificate root = TestCertificates.selfSigned(vault, "root", rootKey);
            vault.storeChain("root", List.of(root));
            ContentSigner rootSigner = new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(vault.provider()).build(vault.privateKey("root"));
            for (String alias : List.of("intermediate", "crl-signer")) {
                PublicKey key = vault.generate(alias);
                vault.storeChain(alias, List.of(TestCertificates.build(rootSigner, "CN=root",
                        "CN=" + alias, key), root));
            }
            // a root kept elsewhere (offline): its certificate enters the token as a CA cert
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair offline = generator.generateKeyPair();
            ContentSigner offlineSigner = new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(offline.getPrivate());
            X509Certificate offlineRoot = TestCertificates.build(offlineSigner,
                    "CN=offline root", "CN=offline root", offline.getPublic());
            PublicKey key = vault.generate("issuing");
            vault.storeChain("issuing", List.of(TestCertificates.build(offlineSigner,
                    "CN=offline root", "CN=issuing", key), offlineRoot));
            offlineRootLabel = "CA CN=offline root #" + offlineRoot.getSerialNumber()
                    .toString(16);
        }
    }

    @AfterAll
    static void deleteToken() {
        hsm.close();
    }

    @Test
    void privateKeys_signOnlySensitiveNeverExtractable_throughTheWrapper() throws Exception {
        // private objects are visible only while logged in: the vault holds the login
        try (Pkcs11KeyVault vault = Pkcs11KeyVault.open(hsm.pkcs11Config(1))) {
            assertTrue(vault.contains("root"));
            for (String alias : ALIASES) {
                Map<Long, Boolean> flags = TokenObjectInspector.privateKeyFlags(
                        hsm.library(), hsm.slot(), alias, CKA_SIGN,
                        CKA_SIGN_RECOVER, CKA_DECRYPT, CKA_UNWRAP, CKA_DERIVE,
                        TokenObjectInspector.CKA_SENSITIVE, TokenObjectInspector.CKA_EXTRACTABLE,
                        TokenObjectInspector.CKA_NEVER_EXTRACTABLE);
                assertEquals(Map.of(CKA_SIGN, true, CKA_SIGN_RECOVER, false, CKA_DECRYPT, false,
                        CKA_UNWRAP, false, CKA_DERIVE, false,
                        TokenObjectInspector.CKA_SENSITIVE, true,
                        TokenObjectInspector.CKA_EXTRACTABLE, false,
                        TokenObjectInspector.CKA_NEVER_EXTRACTABLE, true), flags, alias);
            }
        }
    }

    @Test
    void listObjects_pkcs11Tool_everyObjectLabelledSignOnlyKeysSharingTheirCertificatesId()
            throws Exception {
        List<Map<String, String>> objects = listObjects();
        Map<String, String> ids = new LinkedHashMap<>();
        for (String alias : ALIASES) {
            String id = HexFormat.of().formatHex(alias.getBytes(StandardCharsets.UTF_8));
            ids.put(alias, id);
            Map<String, String> privateKey = only(objects, "Private Key Object", alias);
            assertEquals("sign", privateKey.get("Usage"), alias + ": " + privateKey);
            List<String> access = List.of(privateKey.get("Access").split(",\\s*"));
            assertTrue(access.containsAll(List.of("sensitive", "always sensitive",
                    "never extractable")) && !access.contains("extractable"), alias + ": "
                    + access);
            assertEquals(id, privateKey.get("ID"), alias);
            Map<String, String> publicKey = only(objects, "Public Key Object", alias);
            assertEquals(id, publicKey.get("ID"), alias);
            assertEquals("verify", publicKey.get("Usage"), alias + ": " + publicKey);
            Map<String, String> certificate = only(objects, "Certificate Object", alias);
            assertEquals(id, certificate.get("ID"), alias);
        }
        Map<String, String> caCertificate = only(objects, "Certificate Object", offlineRootLabel);
        assertTrue(caCertificate.containsKey("ID"), "CA certificate without an ID");
        assertEquals(13, objects.size(), "4 key pairs, their 4 certificates and the offline"
                + " root's: " + objects);
        for (Map<String, String> object : objects) {
            assertTrue(object.containsKey("label") && !object.get("label").isBlank(),
                    "unlabelled object: " + object);
            assertTrue(object.containsKey("ID") && !object.get("ID").isBlank(),
                    "object without an ID: " + object);
        }
    }

    private static Map<String, String> only(List<Map<String, String>> objects, String kind,
                                            String label) {
        List<Map<String, String>> found = objects.stream()
                .filter(o -> o.get("kind").startsWith(kind) && label.equals(o.get("label")))
                .toList();
        assertEquals(1, found.size(), kind + " labelled " + label + " in " + objects);
        return found.get(0);
    }

    /** {@code pkcs11-tool --list-objects}, one map of its "name: value" lines per object. */
    private static List<Map<String, String>> listObjects() throws IOException,
            InterruptedException {
        Process process = new ProcessBuilder("pkcs11-tool", "--module",
                hsm.library().toString(), "--token-label", hsm.tokenLabel(), "--login",
                "--pin", new String(hsm.pin()), "--list-objects")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "pkcs11-tool hangs");
        assertEquals(0, process.exitValue(), "pkcs11-tool (apt-get install opensc): " + output);
        System.out.println("pkcs11-tool --list-objects:\n" + output);
        List<Map<String, String>> objects = new ArrayList<>();
        Map<String, String> current = null;
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                if (line.contains(" Object")) {
                    current = new LinkedHashMap<>();
                    current.put("kind", line.strip());
                    objects.add(current);
                } else {
                    current = null;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (current != null && colon > 0) {
                current.putIfAbsent(line.substring(0, colon).strip(),
                        line.substring(colon + 1).strip());
            }
        }
        return objects;
    }
}
