package org.stica.acme.port;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A part of a statement another module runs (issue 18): data-modifying CTEs, and an expression
 * that counts what they recorded, written by the module that owns the tables they touch
 * (ARCHITECTURE.md §1: a module's SQL touches only its own tables; this SQL stays the owner's and
 * reaches the other module through a port), so that a durable record and the state that follows
 * from it commit together in one statement. The host statement places {@code ctes} after the CTE
 * its port names, selects {@code recorded} and binds {@code params}, whose names the owner
 * prefixes so that they cannot collide with the host's.
 */
public record StatementPart(String ctes, String recorded, Map<String, Object> params) {
    public StatementPart {
        params = Collections.unmodifiableMap(new HashMap<>(params));
    }
}
