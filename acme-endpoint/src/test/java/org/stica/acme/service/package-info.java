/**
 * Tests of the ACME services: the pure request checks and nonce codec, and replay-nonce
 * redemption across server instances on real PostgreSQL.
 */
package org.stica.acme.service;
