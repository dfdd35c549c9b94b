package org.stica.tests.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.stica.server.demo.TkAuthChallenge;

/**
 * A carrier's ACME client (acme4j) with its own account key: orders a TNAuthList identifier and
 * answers tkauth-01 with an SPC token.
 */
public final class Carrier {
    public final KeyPair accountKey;
    public final Account account;

    private Carrier(KeyPair accountKey, Account account) {
        this.accountKey = accountKey;
        this.account = account;
    }

    public static Carrier register(String directoryUrl) throws Exception {
        return register(new Session(directoryUrl));
    }

    /** As {@link #register(String)} over HTTPS, trusting the server through {@code tls}. */
    public static Carrier register(String directoryUrl, SSLContext tls) throws Exception {
        return register(new Session(URI.create(directoryUrl), new GenericAcmeProvider() {
            @Override
            public HttpClient createHttpClient(NetworkSettings settings) {
                return HttpClient.newBuilder().sslContext(tls)
                        .connectTimeout(settings.getTimeout()).build();
            }
        }));
    }

    private static Carrier register(Session session) throws Exception {
        KeyPair key = TestStiPa.ecKey();
        Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(key)
                .create(session);
        return new Carrier(key, account);
    }

    /** {@code SHA256 AA:BB:...} over the account key's SPKI DER (the form deployed clients send). */
    public String spkiFingerprint() throws Exception {
        return fingerprint(accountKey.getPublic());
    }

    public static String fingerprint(PublicKey key) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
        return "SHA256 " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    /** DER TNAuthList holding one SPC (RFC 8226 §9, explicit tags), built by hand for independence. */
    public static byte[] spcDer(String spc) {
        byte[] code = spc.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] der = new byte[6 + code.length];
        der[0] = 0x30;
        der[1] = (byte) (4 + code.length);
        der[2] = (byte) 0xa0;
        der[3] = (byte) (2 + code.length);
        der[4] = 0x16;
        der[5] = (byte) code.length;
        System.arraycopy(code, 0, der, 6, code.length);
        return der;
    }

    public static String base64Url(byte[] der) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(der);
    }

    public static String base64Padded(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }

    public Order order(String identifierValue) throws Exception {
        return account.newOrder().identifier(new Identifier("TNAuthList", identifierValue)).create();
    }

    /** Answers the order's tkauth-01 challenge with {@code token} and waits for the verdict. */
    public TkAuthChallenge answer(Order order, String member, String token) throws Exception {
        Authorization authz = order.getAuthorizations().get(0);
        TkAuthChallenge challenge = authz.findChallenge(TkAuthChallenge.class).orElseThrow(
                () -> new AssertionError("no tkauth-01 challenge offered"));
        challenge.withToken(member, token).trigger();
        Status status = challenge.waitForCompletion(Duration.ofSeconds(15));
        if (status != Status.VALID && status != Status.INVALID) {
            throw new AssertionError("challenge did not complete: " + status);
        }
        return challenge;
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b).toLowerCase(Locale.ROOT);
    }
}
