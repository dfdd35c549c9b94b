package org.stica.server.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.stica.server.StiCaServer;
import org.stica.server.TestCa;

/** {@code ca.sca.enabled} decides the issuing intermediate's pathLenConstraint at init-ca. */
class CaInitializerScaTest {

    @Test
    void initCa_scaEnabled_intermediateHasPathLenOne() {
        // RFC 5280 §4.2.1.9: an SCA (cA TRUE) below the intermediate needs pathLen >= 1.
        try (TestCa ca = TestCa.create().with("STICA_CA_SCA_ENABLED", "true")) {
            CaHierarchy hierarchy = StiCaServer.initCa(ca.config());

            assertEquals(1, hierarchy.intermediate().getBasicConstraints());
        }
    }

    @Test
    void initCa_scaDisabled_intermediateHasPathLenZero() {
        try (TestCa ca = TestCa.create()) {
            CaHierarchy hierarchy = StiCaServer.initCa(ca.config());

            assertEquals(0, hierarchy.intermediate().getBasicConstraints());
        }
    }
}
