package org.stica.policy.rcd;

import io.vertx.core.Future;
import java.net.URI;

/**
 * Fetches a resource an {@code rcd} references ({@code icn}, {@code jcl}, a jCard URI) and
 * returns the exact body bytes, which is what an {@code rcdi} digest covers (RFC 9795 §6.1 step
 * 3). A port: the server implements it with its SSRF rules (allow-list, no redirects off it, size
 * and time caps), tests with in-memory bytes. A failure is reported, never replaced by other bytes.
 */
@FunctionalInterface
public interface RcdResourceFetcher {
    /** The body fetched from {@code uri}, or a failed future saying why it could not be. */
    Future<byte[]> fetch(URI uri);
}
