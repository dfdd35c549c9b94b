package org.stica.policy.delegate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.tnauth.TnAuthList;
import org.stica.policy.tnauth.TnEntry;

/** RFC 9060 §4: a delegate's TNAuthList must be within its parent's. */
class EncompassingCheckTest {
    private final EncompassingCheck strict = new EncompassingCheck(false);
    private final EncompassingCheck spcVouches = new EncompassingCheck(true);

    @Test
    void requireWithin_sameSpc_passes() {
        assertDoesNotThrow(() -> strict.requireWithin(TnAuthList.ofSpc("1234"),
                TnAuthList.ofSpc("1234")));
    }

    @Test
    void requireWithin_otherSpc_refused() {
        // RFC 9060 §4: the delegate's TNAuthList must be a subset of the parent's.
        assertRefused(strict, TnAuthList.ofSpc("5678"), TnAuthList.ofSpc("1234"));
    }

    @Test
    void requireWithin_numberInsideParentRange_passes() {
        TnAuthList parent = list(new TnEntry.Range("12025550100", 100));
        assertDoesNotThrow(() -> strict.requireWithin(list(new TnEntry.One("12025550150")),
                parent));
        assertDoesNotThrow(() -> strict.requireWithin(
                list(new TnEntry.Range("12025550110", 10)), parent));
    }

    @Test
    void requireWithin_rangeRunningPastParentRange_refused() {
        // RFC 9060 §4.1: ranges must be covered entirely.
        assertRefused(strict, list(new TnEntry.Range("12025550190", 20)),
                list(new TnEntry.Range("12025550100", 100)));
    }

    @Test
    void requireWithin_numberOutsideParentNumbers_refused() {
        assertRefused(strict, list(new TnEntry.One("12025550199")),
                list(new TnEntry.One("12025550100")));
    }

    @Test
    void requireWithin_numberUnderSpcOnlyParent_dependsOnPolicy() {
        // RFC 9060 §4.1/§8: an SPC-only parent may delegate TNs when the CA vouches for them.
        TnAuthList delegate = list(new TnEntry.One("12025550100"));
        assertDoesNotThrow(() -> spcVouches.requireWithin(delegate, TnAuthList.ofSpc("1234")));
        assertRefused(strict, delegate, TnAuthList.ofSpc("1234"));
    }

    @Test
    void requireWithin_spcUnderNumberParent_refused() {
        assertRefused(spcVouches, TnAuthList.ofSpc("1234"),
                list(new TnEntry.Range("12025550100", 100)));
    }

    private static TnAuthList list(TnEntry... entries) {
        return new TnAuthList(List.of(entries));
    }

    private static void assertRefused(EncompassingCheck check, TnAuthList delegate,
                                      TnAuthList parent) {
        PolicyException e = assertThrows(PolicyException.class,
                () -> check.requireWithin(delegate, parent));
        assertEquals(Violation.DELEGATE_NOT_ENCOMPASSED, e.violation());
    }
}
