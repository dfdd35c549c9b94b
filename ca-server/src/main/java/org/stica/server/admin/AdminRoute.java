package org.stica.server.admin;

import io.vertx.core.http.HttpMethod;
import java.util.regex.Pattern;

/**
 * One admin API route: method, path template ({@code :name} segments), the least role that may
 * call it, and whether it is sensitive (needs a second admin's approval under dual control).
 */
public record AdminRoute(HttpMethod method, String path, AdminRole role, boolean sensitive) {

    /** Whether {@code requestPath} matches this route's template. */
    public boolean matches(HttpMethod requestMethod, String requestPath) {
        return method.equals(requestMethod) && pattern().matcher(requestPath).matches();
    }

    /** {@code "DELETE /admin/v1/sti-pa/trust-anchors/:id"}. */
    public String operation() {
        return method.name() + " " + path;
    }

    private Pattern pattern() {
        return Pattern.compile("^" + path.replaceAll(":[A-Za-z]+", "[^/]+") + "/?$");
    }
}
