package org.stica.acme.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** Assertions on problem documents (RFC 8555 §6.7). */
public final class Problems {
    private Problems() {
    }

    /** Asserts the HTTP status, the media type and the ACME error name; returns the document. */
    public static JsonObject assertProblem(HttpResponse<Buffer> response, int status,
                                           String acmeError) {
        String body = response.bodyAsString();
        assertEquals(status, response.statusCode(), body);
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
        JsonObject problem = new JsonObject(body);
        String type = acmeError.contains(":") ? acmeError
                : "urn:ietf:params:acme:error:" + acmeError;
        assertEquals(type, problem.getString("type"), body);
        assertEquals(status, problem.getInteger("status"), body);
        assertNotNull(problem.getString("detail"));
        assertFalse(body.contains("Exception"), "no stack traces or class names: " + body);
        return problem;
    }
}
