package org.stica.acme.http;

/** The handlers that run around every resource: common headers, nonces, problems. */
public record CrossCuttingHandlers(CommonHeadersHandler headers, ReplayNonceHandler nonces,
                                   ProblemResponder problems) {
}
