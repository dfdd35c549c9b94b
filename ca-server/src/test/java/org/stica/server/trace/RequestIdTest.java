package org.stica.server.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"0f8c3b0e-8f3a-4a1e-9d1a-2c4b5e6f7a8b", "01HZY3J4K5M6N7P8Q9R0S1T2V3",
            "abc", "Root=1-5e1b4151:trace.span_01", "dGVzdA+/="})
    void parse_wellFormedClientId_isKept(String header) {
        assertEquals(Optional.of(new RequestId(header)), RequestId.parse(List.of(header)));
        assertEquals(header, RequestId.fromHeaders(List.of(header)).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "new\nline", "semi;colon", "quote\"", "ünïcode",
            "<script>"})
    void parse_malformedClientId_isRefused(String header) {
        assertEquals(Optional.empty(), RequestId.parse(List.of(header)));
        RequestId replaced = RequestId.fromHeaders(List.of(header));
        assertNotEquals(header, replaced.value());
        assertEquals(22, replaced.value().length(), replaced.value());
    }

    @Test
    void parse_overLongId_isRefused() {
        String longest = "a".repeat(RequestId.MAX_LENGTH);

        assertTrue(RequestId.parse(List.of(longest)).isPresent());
        assertEquals(Optional.empty(), RequestId.parse(List.of(longest + "a")));
    }

    @Test
    void parse_noneOrSeveralHeaders_isRefused() {
        assertEquals(Optional.empty(), RequestId.parse(List.of()));
        assertEquals(Optional.empty(), RequestId.parse(List.of("one", "two")));
    }

    @Test
    void generate_is22Base64UrlCharacters_andDiffersEachTime() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = RequestId.generate().value();
            assertTrue(id.matches("[A-Za-z0-9_-]{22}"), id);
            seen.add(id);
        }
        assertEquals(1000, seen.size());
    }

    @Test
    void constructor_malformedValue_throws() {
        assertThrows(IllegalArgumentException.class, () -> new RequestId("a b"));
        assertThrows(IllegalArgumentException.class, () -> new RequestId(null));
    }
}
