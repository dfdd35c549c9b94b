package org.stica.server.passport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stica.policy.rcd.JwtClaimConstraints;
import org.stica.policy.rcd.Rcd;
import org.stica.policy.rcd.RcdConstraintsBuilder;
import org.stica.policy.rcd.Rcdi;
import org.stica.policy.rcd.RcdiAlgorithm;
import org.stica.policy.rcd.RcdiCalculator;
import org.stica.server.cli.StiCaCommand;

/**
 * {@code verify-passport} end to end through the CLI (issue 19, RCD.md §9): a hierarchy root →
 * intermediate → RCD delegate leaf (TNAuthList range + JWTClaimConstraints from
 * {@link RcdConstraintsBuilder} for a vetted rcd with nam and icn), PASSporTs signed with the leaf
 * key, icon bytes served from local files ({@code --offline}).
 */
class VerifyPassportCommandTest {
    private static final URI ICON_URL = URI.create("https://rcd.example.test/q-256x256.png");
    private static final URI X5U = URI.create("https://cr.example.test/delegate.pem");
    private static final Rcd VETTED = Rcd.ofName("Q Branch Spy Gadgets").withIcon(ICON_URL);
    private static final String ORIG = "12025551000";

    @TempDir
    static Path dir;

    private static RcdTestHierarchy pki;
    private static RcdTestHierarchy.Signer delegate;
    private static RcdTestHierarchy.Signer plain;
    private static Rcdi vettedRcdi;
    private static Path icon;
    private static Path otherIcon;
    private static Path rootPem;
    private static Path delegateChain;
    private static Path plainChain;

    @BeforeAll
    static void hierarchy() throws Exception {
        icon = Files.write(dir.resolve("icon.png"),
                "\u0089PNG the vetted Q Branch logo".getBytes(StandardCharsets.UTF_8));
        otherIcon = Files.write(dir.resolve("other.png"),
                "\u0089PNG a look-alike logo".getBytes(StandardCharsets.UTF_8));
        vettedRcdi = RcdiCalculator.compute(VETTED,
                        new OfflineRcdResourceFetcher(Map.of(ICON_URL, icon)), RcdiAlgorithm.SHA256)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        JwtClaimConstraints constraints = RcdConstraintsBuilder.of(VETTED, vettedRcdi).build();
        pki = new RcdTestHierarchy("Example Root", Instant.now());
        delegate = pki.signer(RcdTestHierarchy.range("12025551000", 100),
                Optional.of(constraints));
        plain = pki.signer(RcdTestHierarchy.range("12025551000", 100), Optional.empty());
        rootPem = RcdTestHierarchy.writePem(dir.resolve("root.pem"), List.of(pki.root));
        delegateChain = RcdTestHierarchy.writePem(dir.resolve("delegate.pem"), delegate.chain());
        plainChain = RcdTestHierarchy.writePem(dir.resolve("plain.pem"), plain.chain());
    }

    @Test
    void vettedRcdAndRcdi_everyRulePasses_exit0() throws Exception {
        Run run = verify(sign(delegate, payload(VETTED, vettedRcdi, ORIG)), delegateChain,
                rootPem, icon);
        assertEquals(0, run.exit(), run.out());
        assertEquals(List.of("passport format", "ppt", "signature", "certificate path", "orig coverage",
                "constraints present", "mustInclude rcd", "mustInclude rcdi",
                "permittedValues rcdi", "rcd construction", "rcdi /icn", "rcdi /nam",
                "rcdi coverage"), run.rules("PASS"));
        assertEquals(List.of(), run.rules("FAIL"));
        assertTrue(run.out().contains("PASSporT accepted"), run.out());
    }

    @Test
    void otherNam_failsTheNamDigest() throws Exception {
        Rcd other = Rcd.ofName("Spectre Gadgets").withIcon(ICON_URL);
        Run run = verify(sign(delegate, payload(other, vettedRcdi, ORIG)), delegateChain,
                rootPem, icon);
        assertTrue(assertRejectedBy(run, "rcdi /nam").contains("digest differs"), run.out());
    }

    @Test
    void otherIconBytes_failsTheIcnDigest() throws Exception {
        Run run = verify(sign(delegate, payload(VETTED, vettedRcdi, ORIG)), delegateChain,
                rootPem, otherIcon);
        assertRejectedBy(run, "rcdi /icn");
    }

    @Test
    void missingRcdi_failsMustIncludeRcdi() throws Exception {
        JsonObject payload = payload(VETTED, vettedRcdi, ORIG);
        payload.remove("rcdi");
        Run run = verify(sign(delegate, payload), delegateChain, rootPem, icon);
        assertRejectedBy(run, "mustInclude rcdi");
    }

    @Test
    void signerWithoutExtension_failsConstraintsPresent() throws Exception {
        Run run = verify(sign(plain, payload(VETTED, vettedRcdi, ORIG)), plainChain, rootPem,
                icon);
        assertTrue(assertRejectedBy(run, "constraints present")
                .contains("no JWTClaimConstraints"), run.out());
    }

    @Test
    void origOutsideTnAuthList_failsOrigCoverage() throws Exception {
        Run run = verify(sign(delegate, payload(VETTED, vettedRcdi, "12025551100")),
                delegateChain, rootPem, icon);
        assertTrue(assertRejectedBy(run, "orig coverage").contains("12025551100"), run.out());
    }

    @Test
    void chainNotReachingTheRoot_failsCertificatePath() throws Exception {
        Path otherRoot = RcdTestHierarchy.writePem(dir.resolve("other-root.pem"),
                List.of(new RcdTestHierarchy("Other Root", Instant.now()).root));
        Run run = verify(sign(delegate, payload(VETTED, vettedRcdi, ORIG)), delegateChain,
                otherRoot, icon);
        assertRejectedBy(run, "certificate path");
    }

    @Test
    void signedByAnotherKey_failsSignature() throws Exception {
        // The plain signer's key, the delegate's chain: the leaf key does not verify it.
        Run run = verify(sign(plain, payload(VETTED, vettedRcdi, ORIG)), delegateChain, rootPem,
                icon);
        assertRejectedBy(run, "signature");
    }

    @Test
    void unreachableIcon_failsAsUnverified() throws Exception {
        // No --offline mapping for the icon: the offline fetcher refuses, content unverified.
        Path unrelated = dir.resolve("unrelated.png");
        Run run = execute("verify-passport", "--passport",
                sign(delegate, payload(VETTED, vettedRcdi, ORIG)), "--chain",
                delegateChain.toString(), "--root", rootPem.toString(), "--offline",
                "https://elsewhere.example.test/x.png=" + unrelated);
        assertTrue(assertRejectedBy(run, "rcdi /icn").contains("unverified"), run.out());
    }

    @Test
    void unsupportedPpt_failsPpt() throws Exception {
        Run run = verify(sign(delegate, payload(VETTED, vettedRcdi, ORIG), "div"), delegateChain,
                rootPem, icon);
        assertRejectedBy(run, "ppt");
    }

    @Test
    void rcdPptWithoutRcdOrCrn_failsPpt() throws Exception {
        JsonObject payload = payload(VETTED, vettedRcdi, ORIG);
        payload.remove("rcd");
        payload.remove("rcdi");
        Run run = verify(sign(delegate, payload, "rcd"), delegateChain, rootPem, icon);
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.rules("FAIL").contains("ppt"), run.out());
    }

    @Test
    void notAJws_failsPassportFormat() throws Exception {
        Path file = Files.writeString(dir.resolve("garbage.jwt"), "not.a-jws");
        Run run = execute("verify-passport", "--passport-file", file.toString(), "--chain",
                delegateChain.toString(), "--root", rootPem.toString());
        assertRejectedBy(run, "passport format");
    }

    @Test
    void passportFromFile_passes() throws Exception {
        Path file = Files.writeString(dir.resolve("passport.jwt"),
                sign(delegate, payload(VETTED, vettedRcdi, ORIG)) + "\n");
        Run run = execute("verify-passport", "--passport-file", file.toString(), "--chain",
                delegateChain.toString(), "--root", rootPem.toString(), "--offline",
                ICON_URL + "=" + icon);
        assertEquals(0, run.exit(), run.out());
    }

    @Test
    void usageErrors_exit2WithoutStackTrace() throws Exception {
        String passport = sign(delegate, payload(VETTED, vettedRcdi, ORIG));
        Run noChain = execute("verify-passport", "--passport", passport, "--root",
                rootPem.toString());
        assertEquals(2, noChain.exit(), noChain.err());
        Run missingRoot = execute("verify-passport", "--passport", passport, "--chain",
                delegateChain.toString(), "--root", dir.resolve("absent.pem").toString());
        assertEquals(2, missingRoot.exit(), missingRoot.err());
        assertTrue(missingRoot.err().startsWith("error: cannot read"), missingRoot.err());
        Run notPem = execute("verify-passport", "--passport", passport, "--chain",
                icon.toString(), "--root", rootPem.toString());
        assertEquals(2, notPem.exit(), notPem.err());
        for (Run run : List.of(noChain, missingRoot, notPem)) {
            assertFalse(run.err().contains("Exception") || run.err().contains("\tat "),
                    run.err());
        }
    }

    /** Exit 1 and exactly {@code rule} failed; returns that rule's line. */
    private static String assertRejectedBy(Run run, String rule) {
        assertEquals(1, run.exit(), run.out());
        assertEquals(List.of(rule), run.rules("FAIL"));
        return run.line(rule);
    }

    private static JsonObject payload(Rcd rcd, Rcdi rcdi, String orig) {
        return new JsonObject().put("attest", "A")
                .put("dest", new JsonObject().put("tn", new JsonArray().add("12155551001")))
                .put("iat", Instant.now().getEpochSecond())
                .put("orig", new JsonObject().put("tn", orig))
                .put("origid", "123e4567-e89b-12d3-a456-426655440000")
                .put("rcd", rcd.toJson()).put("rcdi", rcdi.toJson());
    }

    private static String sign(RcdTestHierarchy.Signer signer, JsonObject payload)
            throws Exception {
        return sign(signer, payload, "shaken");
    }

    private static String sign(RcdTestHierarchy.Signer signer, JsonObject payload, String ppt)
            throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("passport")).customParam("ppt", ppt)
                .x509CertURL(X5U).build(), new Payload(payload.encode()));
        jws.sign(new ECDSASigner((ECPrivateKey) signer.keys().getPrivate()));
        return jws.serialize();
    }

    private static Run verify(String passport, Path chain, Path root, Path iconFile) {
        return execute("verify-passport", "--passport", passport, "--chain", chain.toString(),
                "--root", root.toString(), "--offline", ICON_URL + "=" + iconFile);
    }

    private static Run execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StiCaCommand.commandLine().setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private record Run(int exit, String out, String err) {
        List<String> rules(String outcome) {
            List<String> rules = new ArrayList<>();
            for (String line : out.split("\n")) {
                String[] fields = line.split("\t", 3);
                if (fields.length == 3 && fields[0].equals(outcome)) {
                    rules.add(fields[1]);
                }
            }
            return rules;
        }

        String line(String rule) {
            return Arrays.stream(out.split("\n")).filter(l -> l.contains("\t" + rule + "\t"))
                    .findFirst().orElse("");
        }
    }
}
