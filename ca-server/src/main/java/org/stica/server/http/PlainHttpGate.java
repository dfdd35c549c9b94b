package org.stica.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Set;

/**
 * The plain-HTTP listener's request handler (issue 17): a GET or HEAD of one of its paths (the
 * CRLs, the ARL, the CRL signers and the trust anchors, which relying parties fetch over plain
 * HTTP by convention, RFC 5280 §4.2.1.13) goes to the public port's own handler, so both
 * listeners answer it alike. Everything else is refused and changes nothing: other methods with
 * 405, other paths with a 404 problem naming the HTTPS origin. Among the refused: ACME (RFC 8555
 * §6.1 requires HTTPS), the certificate repository (x5u is HTTPS only, STANDARDS.md §4.4), the
 * STI-PA token API and token signer. Paths are compared exactly as sent.
 */
public final class PlainHttpGate implements Handler<HttpServerRequest> {
    private final Set<String> paths;
    private final Handler<HttpServerRequest> next;
    private final String publicUrl;

    /**
     * @param paths     the paths served over plain HTTP
     * @param next      the public port's handler
     * @param publicUrl the HTTPS origin the refusals point to
     */
    public PlainHttpGate(Set<String> paths, Handler<HttpServerRequest> next, String publicUrl) {
        this.paths = Set.copyOf(paths);
        this.next = next;
        this.publicUrl = publicUrl;
    }

    @Override
    public void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            request.response().putHeader("Allow", "GET, HEAD");
            ProblemResponder.send(request.response(), new HttpProblem(405, "methodNotAllowed",
                    "plain HTTP serves downloads only (GET, HEAD)"));
            return;
        }
        if (!paths.contains(request.path())) {
            ProblemResponder.send(request.response(), new HttpProblem(404, "notFound",
                    "not served over plain HTTP, which carries only CRLs and CA certificates;"
                            + " ACME and the certificate repository are at " + publicUrl));
            return;
        }
        next.handle(request);
    }
}
