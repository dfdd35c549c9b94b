package org.stica.server.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stica.server.StiCaServer;
import org.stica.server.TestCa;

class CaInitializerTest {
    private static TestCa ca;
    private static CaHierarchy hierarchy;

    @BeforeAll
    static void setUp() {
        ca = TestCa.create().with("STICA_PUBLIC_URL", "https://ca.example.test");
        hierarchy = StiCaServer.initCa(ca.config());
    }

    @AfterAll
    static void tearDown() {
        ca.close();
    }

    @Test
    void initCa_softHsm_intermediateVerifiesUnderRootWithOpenssl() throws Exception {
        Path intermediate = ca.dataDir().resolve("intermediate.pem");
        CaInitializer.writePem(intermediate, List.of(hierarchy.intermediate()));

        String output = openssl("verify", "-x509_strict", "-CAfile",
                ca.dataDir().resolve("ca/root.pem").toString(), intermediate.toString());

        assertTrue(output.contains(": OK"), output);
    }

    @Test
    void initCa_softHsm_crlSignerVerifiesUnderRootWithOpenssl() throws Exception {
        Path signer = ca.dataDir().resolve("crl-signer.pem");
        CaInitializer.writePem(signer, List.of(hierarchy.crlSigner()));

        String output = openssl("verify", "-CAfile", ca.dataDir().resolve("ca/root.pem").toString(),
                signer.toString());

        assertTrue(output.contains(": OK"), output);
    }

    @Test
    void initCa_names_followTheShakenCaProfile() {
        // ATIS-1000080 §6.4.1 (STANDARDS.md §1.2.7, §1.3.5): CNs say SHAKEN (and Root).
        assertEquals("CN=Test STI-CA SHAKEN Root CA,O=Test STI-CA,C=US",
                hierarchy.root().getSubjectX500Principal().getName());
        assertEquals("CN=Test STI-CA SHAKEN Intermediate CA 1,O=Test STI-CA,C=US",
                hierarchy.intermediate().getSubjectX500Principal().getName());
        assertEquals("CN=Test STI-CA SHAKEN CRL Signer,O=Test STI-CA,C=US",
                hierarchy.crlSigner().getSubjectX500Principal().getName());
    }

    @Test
    void initCa_intermediate_namesTheCrlAndItsSigner() {
        // STANDARDS.md §0 trap 6, §6.3: CRLDP URI = the served CRL, cRLIssuer = the CRL signer.
        assertEquals("https://ca.example.test/crl/shaken.crl", hierarchy.crlUrl().toString());
        assertEquals(hierarchy.crlIssuerName(), CaHierarchy.from(List.of(
                new CaKeyRecord("root", CaKeyRole.ROOT, hierarchy.root()),
                new CaKeyRecord("intermediate-1", CaKeyRole.INTERMEDIATE, hierarchy.intermediate()),
                new CaKeyRecord("crl-signer", CaKeyRole.CRL_SIGNER, hierarchy.crlSigner())))
                .crlIssuerName());
    }

    @Test
    void initCa_writesRootAndChainPem() throws IOException {
        String chain = Files.readString(ca.dataDir().resolve("ca/chain.pem"));

        assertEquals(2, chain.split("BEGIN CERTIFICATE").length - 1);
        assertTrue(Files.readString(ca.dataDir().resolve("ca/root.pem"))
                .contains("BEGIN CERTIFICATE"));
    }

    @Test
    void initCa_secondRun_refuses() {
        CaAlreadyInitialisedException e = assertThrows(CaAlreadyInitialisedException.class,
                () -> StiCaServer.initCa(ca.config()));

        assertTrue(e.getMessage().contains("refuses to run twice"), e.getMessage());
    }

    private static String openssl(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
