/**
 * The HTTP side of the ACME endpoint (RFC 8555 §7): the route table ({@link
 * org.stica.acme.http.AcmeRoutes}), one {@code *Handler} per resource (parse → service →
 * render), JSON views of the resources, the headers every response carries (Replay-Nonce,
 * {@code Link rel="index"}) and the single failure handler that renders problem documents.
 */
package org.stica.acme.http;
