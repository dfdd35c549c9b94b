/**
 * Test fixtures published in hsm-config's test-jar for every module's tests: a fresh PostgreSQL
 * database ({@link org.stica.testing.TestDatabase}) and a fresh SoftHSM2 token
 * ({@link org.stica.testing.SoftHsmFixture}). Both fail, never skip, when the service is missing.
 */
package org.stica.testing;
