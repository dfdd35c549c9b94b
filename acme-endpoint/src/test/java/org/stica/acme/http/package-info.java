/** HTTP-level tests of the ACME request authentication (RFC 8555 §6) over real PostgreSQL. */
package org.stica.acme.http;
