/**
 * The runnable STI-CA server ({@link org.stica.server.StiCaServer}): configuration, schema
 * migration, CA hierarchy, issuance and revocation, SPC token validation, the public and admin
 * HTTP servers, and the CLI. Wires the hsm-config, policy, acme-endpoint and crl-publisher
 * modules together (ARCHITECTURE.md §1).
 */
package org.stica.server;
