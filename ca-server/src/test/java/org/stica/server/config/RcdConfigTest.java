package org.stica.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rcd.claimTokenTrustAnchors} (README "Rich Call Data (RCD) certificates"). */
class RcdConfigTest {
    @TempDir
    Path directory;

    @Test
    void load_nothingSet_noClaimTokenAnchors() {
        assertEquals(Rcd.DEFAULTS, StiCaConfig.load(Optional.empty(), Map.of()).rcd());
    }

    @Test
    void load_fromEnvironmentOrYaml_isThatFile() throws Exception {
        Path anchors = Files.writeString(directory.resolve("claim-roots.pem"), "x");
        Path yaml = Files.writeString(directory.resolve("stica.yaml"),
                "rcd:\n  claimTokenTrustAnchors: " + anchors + "\n");

        StiCaConfig fromEnv = StiCaConfig.load(Optional.empty(),
                Map.of("STICA_RCD_CLAIM_TOKEN_TRUST_ANCHORS", anchors.toString()));
        StiCaConfig fromYaml = StiCaConfig.load(Optional.of(yaml), Map.of());

        assertEquals(Optional.of(anchors), fromEnv.rcd().claimTokenTrustAnchors());
        assertEquals(Optional.of(anchors), fromYaml.rcd().claimTokenTrustAnchors());
        assertEquals(fromEnv.rcd(), fromEnv.withPublicUrl("https://ca.example").rcd());
    }

    @Test
    void load_missingFile_errorNamesTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> StiCaConfig.load(
                Optional.empty(), Map.of("STICA_RCD_CLAIM_TOKEN_TRUST_ANCHORS",
                        directory.resolve("absent.pem").toString())));
        assertTrue(e.getMessage().contains(
                "rcd.claimTokenTrustAnchors (STICA_RCD_CLAIM_TOKEN_TRUST_ANCHORS)"),
                e.getMessage());
    }
}
