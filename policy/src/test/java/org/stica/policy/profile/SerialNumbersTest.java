package org.stica.policy.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Serial numbers (STANDARDS.md §1.1 item 2; RFC 5280 §4.1.2.2; ATIS-1000080 v005). */
class SerialNumbersTest {

    @Test
    void random_manyDraws_positiveAtLeast64BitsAtMost20OctetsAndDistinct() {
        SecureRandom random = new SecureRandom();
        Set<BigInteger> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            BigInteger serial = SerialNumbers.random(random);
            assertTrue(serial.signum() > 0);
            assertTrue(serial.bitLength() >= 64, "bits " + serial.bitLength());
            assertTrue(serial.toByteArray().length <= 20);
            assertTrue(seen.add(serial));
        }
    }

    @Test
    void random_drawBelow64Bits_isRedrawn() {
        // zlint e_atis_serial_number_size fails at BitLen < 64: a small draw must not be used.
        SecureRandom scripted = new SecureRandom() {
            private int calls;

            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 0);
                if (calls++ > 0) {
                    bytes[0] = (byte) 0xff;
                }
                bytes[bytes.length - 1] = 1;
            }
        };
        BigInteger serial = SerialNumbers.random(scripted);
        assertEquals(127, serial.bitLength(), "top bit cleared, second draw used");
    }

    @Test
    void isAcceptable_boundaries() {
        assertFalse(SerialNumbers.isAcceptable(BigInteger.ZERO));
        assertFalse(SerialNumbers.isAcceptable(BigInteger.ONE.shiftLeft(64).negate()));
        assertFalse(SerialNumbers.isAcceptable(BigInteger.ONE.shiftLeft(62)));
        assertTrue(SerialNumbers.isAcceptable(BigInteger.ONE.shiftLeft(63)));
        assertTrue(SerialNumbers.isAcceptable(BigInteger.ONE.shiftLeft(158)));
        assertFalse(SerialNumbers.isAcceptable(BigInteger.ONE.shiftLeft(159)));
    }

    @Test
    void fromHex_agreesWithBigIntegerParsing() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            BigInteger serial = new BigInteger(1 + random.nextInt(160), random);
            String hex = serial.toString(16);
            assertEquals(serial, SerialNumbers.fromHex(hex), hex);
            assertEquals(serial, SerialNumbers.fromHex(hex.toUpperCase(Locale.ROOT)));
            assertEquals(serial, SerialNumbers.fromHex("00" + hex));
        }
        assertEquals(BigInteger.valueOf(0xabc), SerialNumbers.fromHex("abc"));
    }

    @Test
    void fromHex_notHexOrEmpty_refused() {
        for (String bad : new String[] {"", "-1f", "12g4", "0x12", " 12"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> SerialNumbers.fromHex(bad), bad);
        }
    }
}
