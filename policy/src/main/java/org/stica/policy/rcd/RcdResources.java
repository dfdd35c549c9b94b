package org.stica.policy.rcd;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The resources an {@code rcd} references, fetched: the body bytes of each URI, or why it could
 * not be had, keyed by the JSON pointer that names the URI ({@code /icn}, {@code /jcl},
 * {@code /jcd/1/3/3}, {@code /jcl/1/3/3} ...). URIs inside a {@code jcl} jCard are fetched after
 * it (one level only: icons and photos are never parsed for further URIs, RFC 9795 §5.1.5).
 */
public record RcdResources(SortedMap<String, URI> uris, Map<URI, byte[]> bodies,
                           Map<URI, String> failures) {

    public RcdResources {
        uris = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(uris));
        bodies = Map.copyOf(bodies);
        failures = Map.copyOf(failures);
    }

    /** Fetches everything {@code rcd} references through {@code fetcher}. */
    public static Future<RcdResources> fetch(Rcd rcd, RcdResourceFetcher fetcher) {
        SortedMap<String, URI> direct = rcd.directUris();
        return fetchAll(direct, fetcher, Map.of(), Map.of()).compose(first -> {
            SortedMap<String, URI> all = new TreeMap<>(direct);
            Optional<URI> jcl = rcd.jcl();
            if (jcl.isEmpty() || !first.bodies().containsKey(jcl.get())) {
                return Future.succeededFuture(new RcdResources(all, first.bodies(),
                        first.failures()));
            }
            Map<URI, String> failures = new HashMap<>(first.failures());
            try {
                all.putAll(JCardUris.of(new JsonArray(new String(first.bodies().get(jcl.get()),
                        StandardCharsets.UTF_8)), "/jcl"));
            } catch (DecodeException | org.stica.policy.PolicyException e) {
                failures.put(jcl.get(), "the jCard at jcl is not a valid jCard");
            }
            return fetchAll(all, fetcher, first.bodies(), failures)
                    .map(done -> new RcdResources(all, done.bodies(), done.failures()));
        });
    }

    /** Resources already in hand (tests, or a vetting record). */
    public static RcdResources of(Rcd rcd, Map<URI, byte[]> bodies) {
        SortedMap<String, URI> all = new TreeMap<>(rcd.directUris());
        rcd.jcl().map(bodies::get).ifPresent(card -> all.putAll(JCardUris.of(
                new JsonArray(new String(card, StandardCharsets.UTF_8)), "/jcl")));
        Map<URI, String> failures = new HashMap<>();
        all.values().stream().filter(uri -> !bodies.containsKey(uri))
                .forEach(uri -> failures.put(uri, "not fetched"));
        Map<URI, byte[]> kept = new HashMap<>(bodies);
        kept.keySet().retainAll(all.values());
        return new RcdResources(all, kept, failures);
    }

    /** The body fetched for the URI at {@code pointer}, if it is a URI pointer and was fetched. */
    public Optional<byte[]> body(String pointer) {
        return Optional.ofNullable(uris.get(pointer)).map(bodies::get);
    }

    private static Future<RcdResources> fetchAll(SortedMap<String, URI> uris,
                                                 RcdResourceFetcher fetcher,
                                                 Map<URI, byte[]> known,
                                                 Map<URI, String> knownFailures) {
        Map<URI, Future<byte[]>> pending = new LinkedHashMap<>();
        for (URI uri : uris.values()) {
            if (!known.containsKey(uri) && !knownFailures.containsKey(uri)) {
                pending.computeIfAbsent(uri, target -> fetchOne(fetcher, target));
            }
        }
        return Future.join(new ArrayList<>(pending.values())).transform(ignored -> {
            Map<URI, byte[]> bodies = new HashMap<>(known);
            Map<URI, String> failures = new HashMap<>(knownFailures);
            pending.forEach((uri, future) -> {
                if (future.succeeded() && future.result() != null) {
                    bodies.put(uri, future.result());
                } else {
                    failures.put(uri, future.failed() ? String.valueOf(future.cause().getMessage())
                            : "no body");
                }
            });
            return Future.succeededFuture(new RcdResources(uris, bodies, failures));
        });
    }

    private static Future<byte[]> fetchOne(RcdResourceFetcher fetcher, URI uri) {
        try {
            return fetcher.fetch(uri);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
