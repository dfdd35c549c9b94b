/**
 * ca-server's public HTTP resources (STI-CR certificate repository, root and CRL signer
 * certificates) and the single mapping of failures to RFC 9457 problem documents.
 */
package org.stica.server.http;
