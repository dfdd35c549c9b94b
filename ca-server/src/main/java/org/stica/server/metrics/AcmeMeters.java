package org.stica.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.stica.acme.model.ChallengeStatus;
import org.stica.acme.model.OrderStatus;
import org.stica.acme.port.AcmeActivity;

/**
 * The ACME endpoint's {@link AcmeActivity} as counters: orders created by profile, orders and
 * challenges by final status, certificates issued by profile, newOrders refused by the rate
 * limit. A counter per label value is registered once and then only incremented (no allocation
 * per request).
 */
final class AcmeMeters implements AcmeActivity {
    private final Counter ordersValid;
    private final Counter ordersInvalid;
    private final Counter challengesValid;
    private final Counter challengesInvalid;
    private final Map<String, Counter> created = new ConcurrentHashMap<>();
    private final Map<String, Counter> issued = new ConcurrentHashMap<>();
    private final Map<String, Counter> limited = new ConcurrentHashMap<>();
    private final Function<String, Counter> newCreated;
    private final Function<String, Counter> newIssued;
    private final Function<String, Counter> newLimited;

    AcmeMeters(MeterRegistry registry) {
        ordersValid = outcome(registry, "stica.acme.order.outcomes", "orders", "valid");
        ordersInvalid = outcome(registry, "stica.acme.order.outcomes", "orders", "invalid");
        challengesValid = outcome(registry, "stica.acme.challenge.outcomes", "tkauth-01"
                + " challenges", "valid");
        challengesInvalid = outcome(registry, "stica.acme.challenge.outcomes", "tkauth-01"
                + " challenges", "invalid");
        newCreated = profile -> Counter.builder("stica.acme.new.orders")
                .description("ACME orders created, by profile").tag("profile", profile)
                .register(registry);
        newIssued = profile -> Counter.builder("stica.certificates.issued")
                .description("Certificates the CA issued for ACME orders, by profile")
                .tag("profile", profile).register(registry);
        newLimited = limit -> Counter.builder("stica.acme.rate.limited")
                .description("ACME requests refused with rateLimited, by limit")
                .tag("limit", limit).register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String name, String what,
                                   String status) {
        return Counter.builder(name).description("ACME " + what + " that reached a final status")
                .tag("status", status).register(registry);
    }

    @Override
    public void orderCreated(String profile) {
        created.computeIfAbsent(profile, newCreated).increment();
    }

    @Override
    public void orderFinished(OrderStatus status) {
        if (status == OrderStatus.VALID) {
            ordersValid.increment();
        } else if (status == OrderStatus.INVALID) {
            ordersInvalid.increment();
        }
    }

    @Override
    public void challengeFinished(ChallengeStatus status) {
        if (status == ChallengeStatus.VALID) {
            challengesValid.increment();
        } else if (status == ChallengeStatus.INVALID) {
            challengesInvalid.increment();
        }
    }

    @Override
    public void certificateIssued(String profile) {
        issued.computeIfAbsent(profile, newIssued).increment();
    }

    @Override
    public void rateLimited(String limit) {
        limited.computeIfAbsent(limit, newLimited).increment();
    }
}
