/**
 * TLS of the HTTP listeners (issue 17): the certificate and key read from PEM files and checked
 * ({@link org.stica.server.http.tls.TlsKeyPair}), the protocol versions, cipher suites and ALPN
 * every TLS listener gets ({@link org.stica.server.http.tls.ListenerTls}), and the reload that
 * hands a changed pair to every server of a listener without a restart
 * ({@link org.stica.server.http.tls.TlsReload}, {@link org.stica.server.http.tls.ServerGroup}).
 */
package org.stica.server.http.tls;
