package org.stica.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JitSettleTest {
    @Test
    void column_jstatCompilerOutput_readsTheNamedValue() {
        String header = "Compiled Failed Invalid   Time   FailedType FailedMethod";
        String values = "   13928      0       0    82.53          0             ";
        assertEquals(82.53, JitTime.column(header, values, "Time"));
        assertEquals(13928, JitTime.column(header, values, "Compiled"));
        assertEquals(-1, JitTime.column(header, values, "Nope"));
        assertEquals(-1, JitTime.column(header, null, "Time"));
        assertEquals(-1, JitTime.column("Time", "n/a", "Time"));
    }

    @Test
    void of_notAJvm_isUnknown() {
        assertEquals(-1, JitTime.of("1"));  // init: no hsperfdata, jstat refuses
        assertEquals(-1, JitTime.of(null));
    }

    @Test
    void of_thisJvm_readsWhatJstatSays() {
        double self = JitTime.self();
        assertTrue(self > 0, "this JVM has compiled something by now: " + self);
        double viaJstat = JitTime.of(Long.toString(ProcessHandle.current().pid()));
        // jstat is a JDK tool: the JDK that runs the build has it
        assertTrue(viaJstat > 0, "jstat -compiler of this JVM: " + viaJstat);
    }

    @Test
    void warmUp_settleOff_sleepsTheWarmUpOnly() throws InterruptedException {
        JitSettle settle = new JitSettle(null, 0.02, Duration.ZERO, Duration.ofMillis(200));
        long start = System.nanoTime();
        settle.warmUp(Duration.ofMillis(300));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 300 && ms < 2_000, "slept " + ms + " ms");
        assertEquals(0, settle.settleSeconds());
        assertTrue(settle.settled());
    }

    @Test
    void warmUp_quietJit_addsNothingBeyondTheWarmUp() throws InterruptedException {
        // any share of compilation counts as quiet: the first probe, inside the warm-up, settles
        JitSettle settle = new JitSettle(null, Double.MAX_VALUE, Duration.ofSeconds(30),
                Duration.ofMillis(200));
        settle.warmUp(Duration.ofMillis(500));
        assertTrue(settle.settled());
        assertTrue(settle.settleSeconds() < 0.5, "extended by " + settle.settleSeconds());
    }

    @Test
    void warmUp_busyJit_extendsUpToTheMaximum() throws InterruptedException {
        // a negative share: no JIT is ever quiet enough, so the warm-up runs to its maximum
        JitSettle settle = new JitSettle(null, -1, Duration.ofMillis(600), Duration.ofMillis(200));
        long start = System.nanoTime();
        settle.warmUp(Duration.ofMillis(200));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertFalse(settle.settled());
        assertTrue(settle.settleSeconds() >= 0.6, "extended by " + settle.settleSeconds());
        assertTrue(ms >= 800 && ms < 5_000, "warm-up took " + ms + " ms");
    }
}
