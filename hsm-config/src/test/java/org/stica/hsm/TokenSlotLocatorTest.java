package org.stica.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stica.testing.SoftHsmFixture;

/** {@link TokenSlotLocator} and the {@link SoftHsmFixture} it relies on in other tests. */
class TokenSlotLocatorTest {

    @Test
    void slotOf_existingLabel_returnsTheTokensSlot() {
        try (SoftHsmFixture hsm = SoftHsmFixture.create("locate")) {
            assertEquals(hsm.slot(), TokenSlotLocator.slotOf(hsm.library(), hsm.tokenLabel()));
        }
    }

    @Test
    void slotOf_unknownLabel_failsMisconfiguredListingTheTokens() {
        try (SoftHsmFixture hsm = SoftHsmFixture.create("listed")) {
            KeyVaultException e = assertThrows(KeyVaultException.class,
                    () -> TokenSlotLocator.slotOf(hsm.library(), "absent-token"));
            assertEquals(KeyVaultException.Kind.MISCONFIGURED, e.kind());
            assertTrue(e.getMessage().contains(hsm.tokenLabel()), e.getMessage());
        }
    }

    /** A token created after SoftHSM was loaded in this JVM is still found by its fixture. */
    @Test
    void create_secondTokenAfterLibraryLoaded_isUsable() {
        try (SoftHsmFixture first = SoftHsmFixture.create("first");
             Pkcs11KeyVault firstVault = Pkcs11KeyVault.open(first.pkcs11Config(1));
             SoftHsmFixture second = SoftHsmFixture.create("second");
             Pkcs11KeyVault secondVault = Pkcs11KeyVault.open(second.pkcs11Config(1))) {
            firstVault.generate("a");
            secondVault.generate("b");
            assertTrue(secondVault.description().contains(second.tokenLabel()));
        }
    }
}
