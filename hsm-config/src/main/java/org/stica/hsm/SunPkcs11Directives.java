package org.stica.hsm;

import java.nio.file.Path;

/**
 * Renders the SunPKCS11 configuration (JDK PKCS#11 Reference Guide, "SunPKCS11 Configuration")
 * for one token: the library, the slot, and the attribute templates that make every generated
 * key pair a token object whose private half is sensitive, never extractable and usable only to
 * sign: CKA_SIGN true; CKA_DECRYPT, CKA_UNWRAP, CKA_DERIVE and CKA_SIGN_RECOVER false (PKCS#11
 * v2.40 §4.9). The public half may only verify. These templates apply when a key is generated;
 * keys generated before a template changed keep their attributes. Labels and IDs differ per key
 * and cannot be templated: {@link TokenObjects#label} sets them when the chain is stored.
 * Contains no secret.
 */
final class SunPkcs11Directives {
    private SunPkcs11Directives() {
    }

    /** The configuration text, without the leading {@code --} that marks it as inline. */
    static String render(String name, Path library, long slot) {
        return String.join("\n",
                "name = " + name,
                "library = \"" + library + "\"",
                "slot = " + slot,
                "attributes(generate, CKO_PRIVATE_KEY, CKK_EC) = {",
                "  CKA_TOKEN = true",
                "  CKA_PRIVATE = true",
                "  CKA_SENSITIVE = true",
                "  CKA_EXTRACTABLE = false",
                "  CKA_SIGN = true",
                "  CKA_SIGN_RECOVER = false",
                "  CKA_DECRYPT = false",
                "  CKA_UNWRAP = false",
                "  CKA_DERIVE = false",
                "}",
                "attributes(generate, CKO_PUBLIC_KEY, CKK_EC) = {",
                "  CKA_TOKEN = true",
                "  CKA_VERIFY = true",
                "  CKA_VERIFY_RECOVER = false",
                "  CKA_ENCRYPT = false",
                "  CKA_WRAP = false",
                "  CKA_DERIVE = false",
                "}",
                "");
    }
}
