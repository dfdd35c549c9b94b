/**
 * How the server stops (ARCHITECTURE.md §5 invariant 5, §7): the one list of started parts
 * closed in reverse order ({@link org.stica.server.lifecycle.Lifecycle}), the count of work in
 * flight that a drain waits for ({@link org.stica.server.lifecycle.InFlight}), and the
 * decorators that count it (HTTP requests, audit appends).
 */
package org.stica.server.lifecycle;
