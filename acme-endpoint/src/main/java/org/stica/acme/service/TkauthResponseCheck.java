package org.stica.acme.service;

import io.vertx.core.json.JsonObject;
import org.stica.acme.problem.AcmeProblem;

/**
 * The tkauth-01 challenge response payload (RFC 9448 §4 {@code tkauth}; ATIS practice
 * {@code atc}, STANDARDS.md §0 trap 1): the SPC token under either key; both present and
 * different, or neither, → malformed.
 */
public final class TkauthResponseCheck {

    public String token(JsonObject payload) {
        Object atc = payload.getValue("atc");
        Object tkauth = payload.getValue("tkauth");
        if (atc != null && !(atc instanceof String)
                || tkauth != null && !(tkauth instanceof String)) {
            throw AcmeProblem.malformed("the SPC token must be a string");
        }
        if (atc != null && tkauth != null && !atc.equals(tkauth)) {
            throw AcmeProblem.malformed("'atc' and 'tkauth' carry different tokens");
        }
        Object token = atc != null ? atc : tkauth;
        if (token == null || ((String) token).isEmpty()) {
            throw AcmeProblem.malformed("tkauth-01 response must carry the SPC token in 'atc'");
        }
        return (String) token;
    }
}
