package org.stica.acme.jws;

import org.stica.acme.problem.AcmeProblem;

/** RFC 8555 §6.4: the JWS {@code url} must equal the request URL exactly, else unauthorized. */
public final class UrlCheck {

    public void check(ProtectedHeader header, String requestUrl) {
        if (!header.url().equals(requestUrl)) {
            throw AcmeProblem.unauthorized("JWS header url '" + header.url()
                    + "' does not match the request URL '" + requestUrl + "'");
        }
    }
}
