package org.stica.server.demo;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.stica.policy.tnauth.TnAuthList;
import org.stica.policy.tnauth.TnAuthListCodec;
import org.stica.policy.token.AccountKeyFingerprints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code enroll}: a carrier's enrollment with acme4j, end to end: account, TNAuthList order, SPC
 * token from an STI-PA token API (iconectiv shape, STANDARDS.md §4.1), tkauth-01 answer with
 * {@code atc}, CSR with the TNAuthList, finalize, download. Writes the key and chain as PEM.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = "Enroll a SHAKEN certificate over ACME with an SPC token (acme4j client)")
public final class EnrollCommand implements Callable<Integer> {
    @Option(names = "--directory", required = true, description = "ACME directory URL")
    String directory;

    @Option(names = "--spc", required = true, description = "Service Provider Code, e.g. 1234")
    String spc;

    @Option(names = "--token-url", defaultValue = "http://localhost:8082/api/v1/account/{spc}/token",
            description = "STI-PA SPC token API ({spc} is replaced); default: the demo STI-PA")
    String tokenUrl;

    @Option(names = "--out", defaultValue = "shaken-cert", description = "output directory")
    Path out;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        KeyPair accountKey = ecKey();
        Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey)
                .create(new Session(directory));
        System.out.println("account:      " + account.getLocation());

        byte[] der = TnAuthListCodec.encode(TnAuthList.ofSpc(spc));
        Order order = account.newOrder()
                .identifier(new Identifier("TNAuthList", TnAuthListCodec.toText(der))).create();
        System.out.println("order:        " + order.getLocation());

        String token = requestToken(der, AccountKeyFingerprints.spkiForm(accountKey.getPublic()));
        TkAuthChallenge challenge = order.getAuthorizations().get(0).findChallenge(TkAuthChallenge.class)
                .orElseThrow(() -> new IllegalStateException("the server offered no tkauth-01 challenge"));
        challenge.withToken("atc", token).trigger();
        if (challenge.waitForCompletion(Duration.ofSeconds(30)) != Status.VALID) {
            System.err.println("challenge refused: " + challenge.getError().map(Object::toString).orElse("?"));
            return 2;
        }
        System.out.println("tkauth-01:    valid");

        order.waitUntilReady(Duration.ofSeconds(30));
        KeyPair certKey = ecKey();
        order.execute(TnAuthCsr.build(certKey, der));
        if (order.waitForCompletion(Duration.ofSeconds(60)) != Status.VALID) {
            System.err.println("order failed: " + order.getError().map(Object::toString).orElse("?"));
            return 3;
        }
        List<X509Certificate> chain = order.getCertificate().getCertificateChain();
        StringBuilder pem = new StringBuilder();
        chain.forEach(c -> pem.append(DemoPaKeys.pem(c)));
        Path chainFile = out.resolve(spc + "-chain.pem").toAbsolutePath().normalize();
        Path keyFile = out.resolve(spc + "-key.pem").toAbsolutePath().normalize();
        Files.writeString(chainFile, pem);
        Files.writeString(keyFile, DemoPaKeys.pem(certKey));
        Files.setPosixFilePermissions(keyFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        System.out.println("certificate:  " + chain.get(0).getSubjectX500Principal().getName()
                + " serial " + chain.get(0).getSerialNumber().toString(16));
        System.out.println("chain:        " + chainFile);
        System.out.println("private key:  " + keyFile);
        order.getJSON().get("x5u").optional()
                .ifPresent(x -> System.out.println("x5u (STI-CR): " + x.asString()));
        return 0;
    }

    private String requestToken(byte[] der, String fingerprint) throws Exception {
        JsonObject body = new JsonObject().put("atc", new JsonObject()
                .put("tktype", "TNAuthList")
                .put("tkvalue", Base64.getEncoder().encodeToString(der))
                .put("ca", false)
                .put("fingerprint", fingerprint));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(tokenUrl.replace("{spc}", spc)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject answer = new JsonObject(response.body());
        if (response.statusCode() >= 400 || !"success".equals(answer.getString("status"))) {
            throw new IllegalStateException("STI-PA refused the token request: " + answer.getString("message"));
        }
        System.out.println("SPC token:    received from " + tokenUrl.replace("{spc}", spc));
        return answer.getString("token");
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }
}
