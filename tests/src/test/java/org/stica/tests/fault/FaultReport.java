package org.stica.tests.fault;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a fault test saw: the load's result, the invariant violations after recovery, and
 * whether a fresh enrollment succeeded. Prints one block to the test log and asserts that
 * nothing broke, listing every broken invariant with its count.
 */
final class FaultReport {
    private final String fault;
    private final List<String> violations = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    FaultReport(String fault) {
        this.fault = fault;
    }

    /** The load must have run (issued something) for the fault to have hit real work. */
    FaultReport load(JsonObject result) {
        notes.add("load: " + result.getLong("issuances", 0L) + " issuances, "
                + result.getLong("errorCount", 0L) + " errors " + result.getValue("errors", ""));
        assertTrue(result.getLong("issuances", 0L) > 0, () -> fault
                + ": the load issued nothing, so the fault hit no work: " + result.encode());
        return this;
    }

    /** Invariant 4: the instance issues again after the fault (no restart for DB faults). */
    FaultReport freshEnrollment(JsonObject result) {
        if (result.getLong("issuances", 0L) == 0) {
            violations.add("I4 no enrollment completed after the fault: " + result.getValue(
                    "errors", result.getValue("failure", "")));
        }
        return this;
    }

    FaultReport violations(List<String> found) {
        violations.addAll(found);
        return this;
    }

    FaultReport violation(String found) {
        violations.add(found);
        return this;
    }

    FaultReport note(String note) {
        notes.add(note);
        return this;
    }

    /** Prints the block and fails with every violation when there is any. */
    void assertHolds(Duration elapsed) {
        StringBuilder out = new StringBuilder("FAULT ").append(fault).append(" (")
                .append(elapsed.toMillis() / 1000.0).append(" s)\n");
        notes.forEach(n -> out.append("  ").append(n).append('\n'));
        if (violations.isEmpty()) {
            out.append("  all invariants hold\n");
        } else {
            violations.forEach(v -> out.append("  VIOLATED ").append(v).append('\n'));
        }
        System.out.print(out);
        assertTrue(violations.isEmpty(), out::toString);
    }
}
