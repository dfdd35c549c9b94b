package org.stica.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** {@link Reply#json()}: the body's JSON object, or an empty object for anything else. */
class ReplyTest {
    private static Reply reply(String body) {
        return new Reply(200, MultiMap.caseInsensitiveMultiMap().add("Replay-Nonce", "n"),
                body == null ? null : Buffer.buffer(body));
    }

    @Test
    void json_object_isParsed() {
        assertEquals(new JsonObject().put("status", "valid"), reply("{\"status\":\"valid\"}").json());
        assertEquals("n", reply("").header("replay-nonce"));
    }

    @Test
    void json_noObject_isEmpty() {
        assertEquals(new JsonObject(), reply(null).json());
        assertEquals(new JsonObject(), reply("").json());
        assertEquals(new JsonObject(), reply("[1]").json());
        assertEquals(new JsonObject(), reply("-----BEGIN CERTIFICATE-----").json());
    }
}
