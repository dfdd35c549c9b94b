/** Unit tests of the problem mapping (RFC 8555 §6.7). */
package org.stica.acme.problem;
