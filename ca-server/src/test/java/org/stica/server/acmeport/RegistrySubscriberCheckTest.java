package org.stica.server.acmeport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;
import org.stica.policy.profile.SubscriberName;
import org.stica.server.acmeport.RegistrySubscriberCheck.Holder;

/**
 * Issue 15 (ATIS-1000080 §6.4.1): an SPC is ordered only for the active subscriber holding it,
 * and an account bound to a subscriber only for that subscriber's SPCs; each refusal says why.
 */
class RegistrySubscriberCheckTest {
    private static final SubscriberName A = new SubscriberName("Carrier A", "US",
            Optional.empty(), Optional.empty());
    private static final SubscriberName B = new SubscriberName("Carrier B", "CA",
            Optional.of("ON"), Optional.empty());
    private final RegistrySubscriberCheck check = new RegistrySubscriberCheck(spc ->
            Future.succeededFuture(Optional.ofNullable(Map.of(
                    "1111", new Holder("sub-a", A, "active"),
                    "2222", new Holder("sub-b", B, "active"),
                    "3333", new Holder("sub-c", A, "suspended"),
                    "4444", new Holder("sub-d", A, "terminated")).get(spc))));

    @Test
    void entitled_activeHolder_givesItsName_withOrWithoutBinding() {
        assertEquals(A, check.entitled(Optional.empty(), "1111").result());
        assertEquals(B, check.entitled(Optional.of("subscriber:sub-b"), "2222").result());
        assertEquals(A, check.entitled(Optional.of("1111"), "1111").result());
    }

    @Test
    void entitled_accountBoundToAnotherSubscriber_isRefusedSayingWhy() {
        assertRefused(check.entitled(Optional.of("subscriber:sub-a"), "2222"),
                "bound to subscriber 'sub-a'");
    }

    @Test
    void entitled_unknownSuspendedOrTerminated_isRefusedSayingWhy() {
        assertRefused(check.entitled(Optional.empty(), "9999"), "no subscriber");
        assertRefused(check.entitled(Optional.empty(), "3333"), "suspended");
        assertRefused(check.entitled(Optional.empty(), "4444"), "terminated");
    }

    private static void assertRefused(Future<SubscriberName> outcome, String why) {
        assertTrue(outcome.failed());
        PolicyException e = (PolicyException) outcome.cause();
        assertEquals(Violation.SUBSCRIBER_NOT_ENTITLED, e.violation());
        assertTrue(e.detail().contains(why), e.detail());
    }
}
