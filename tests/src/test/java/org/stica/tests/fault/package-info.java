/**
 * The fault-injection suite of issue 14 (ARCHITECTURE.md §5): the server as child processes on a
 * PostgreSQL cluster and a SoftHSM token the test owns, real enrollments by the load generator,
 * faults injected under load (PostgreSQL restart and connection cuts, SIGKILL, SIGTERM, two
 * instances with one killed, several instances started at once), and the invariants checked
 * afterwards with SQL, {@code audit-verify} and {@code openssl}.
 */
package org.stica.tests.fault;
