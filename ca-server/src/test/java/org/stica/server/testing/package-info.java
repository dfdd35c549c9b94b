/** Test fixtures for ca-server: a migrated PostgreSQL database with its Vert.x and pools. */
package org.stica.server.testing;
