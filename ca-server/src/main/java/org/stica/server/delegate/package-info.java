/**
 * Publication of delegate certificates below our SCA certificates at the STI-CR (RFC 9060 §4,
 * §7): the chain's signatures are the authorization; it is checked along the whole path and
 * served at a stable x5u URL.
 */
package org.stica.server.delegate;
