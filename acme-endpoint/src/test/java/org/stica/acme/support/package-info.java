/**
 * Test fixtures: a real ACME server on real PostgreSQL ({@link
 * org.stica.acme.support.AcmeTestServer}), a nimbus-signing client, fakes for the two ports, a
 * settable clock and a watch for blocked event-loop threads.
 */
package org.stica.acme.support;
