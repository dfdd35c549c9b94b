package org.stica.server.demo;

import java.util.Objects;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.toolbox.JSON;
import org.shredzone.acme4j.toolbox.JSONBuilder;

/**
 * acme4j challenge class for {@code tkauth-01} (RFC 9447 §4, RFC 9448 §4): the response carries
 * the SPC token in {@code atc} (ATIS practice) or {@code tkauth} (the RFC's example member).
 */
public final class TkAuthChallenge extends Challenge {
    public static final String TYPE = "tkauth-01";

    private String token;
    private String member = "atc";

    public TkAuthChallenge(Login login, JSON data) {
        super(login, data);
    }

    /** The SPC token to send, under the member name {@code atc} or {@code tkauth}. */
    public TkAuthChallenge withToken(String member, String token) {
        this.member = Objects.requireNonNull(member);
        this.token = Objects.requireNonNull(token);
        return this;
    }

    /** The {@code tkauth-type} the server announced (RFC 9448 §4: "atc"). */
    public String tkauthType() {
        return getJSON().get("tkauth-type").asString();
    }

    @Override
    protected void prepareResponse(JSONBuilder response) {
        super.prepareResponse(response);
        response.put(member, Objects.requireNonNull(token, "call withToken first"));
    }

    @Override
    protected boolean acceptable(String type) {
        return TYPE.equals(type);
    }
}
