package org.stica.acme.jws;

import java.util.Locale;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;

/** RFC 8555 §6.2: a POST body must be {@code application/jose+json}, else 415. */
public final class ContentTypeCheck {
    /** The one media type ACME POSTs may carry. */
    public static final String JOSE_JSON = "application/jose+json";

    public void check(String contentType) {
        String mediaType = contentType == null ? ""
                : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!JOSE_JSON.equals(mediaType)) {
            throw AcmeProblem.withStatus(ProblemType.MALFORMED,
                    "Content-Type must be " + JOSE_JSON, 415);
        }
    }
}
