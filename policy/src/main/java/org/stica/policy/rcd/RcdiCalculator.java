package org.stica.policy.rcd;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.pointer.JsonPointer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/**
 * Computes {@code rcdi} digests (RFC 9795 §6.1; RCD.md §2). A pointer that names a URI hashes the
 * exact bytes fetched from it (§6.1 step 3: {@code /icn}, {@code /jcl}, a jCard URI); any other
 * pointer hashes the RFC 8225 §9 canonical JSON of the value it points to, a string with its
 * quotes (§6.1 step 1). Pointers past {@code /jcl} index into the fetched jCard (§6.1.4).
 *
 * <p>{@link #compute} pins every member and every URI of the rcd (this server's policy, RCD.md §8
 * item 3; RFC 9795 requires only the URIs): {@code /nam}, {@code /apn}, {@code /icn},
 * {@code /jcd} and each URI in it, {@code /jcl} and each URI in the fetched jCard.
 */
public final class RcdiCalculator {
    private RcdiCalculator() {
    }

    /** The rcdi of {@code rcd}, fetching what it references through {@code fetcher}. */
    public static Future<Rcdi> compute(Rcd rcd, RcdResourceFetcher fetcher,
                                       RcdiAlgorithm algorithm) {
        return RcdResources.fetch(rcd, fetcher)
                .compose(resources -> Future.future(promise -> promise.complete(
                        compute(rcd, resources, algorithm))));
    }

    /**
     * The rcdi of {@code rcd} over resources in hand.
     *
     * @throws PolicyException RCD_RESOURCE_UNAVAILABLE when a referenced resource is missing
     */
    public static Rcdi compute(Rcd rcd, RcdResources resources, RcdiAlgorithm algorithm) {
        SortedMap<String, String> digests = new TreeMap<>();
        for (String pointer : pinnedPointers(rcd, resources)) {
            byte[] content = content(rcd, resources, pointer).orElseThrow(() ->
                    new PolicyException(Violation.RCD_RESOURCE_UNAVAILABLE,
                            "the resource at rcd " + pointer + " could not be fetched: "
                                    + resources.failures().get(resources.uris().get(pointer))));
            digests.put(pointer, algorithm.digest(content));
        }
        return new Rcdi(digests);
    }

    /** Every pointer this server's policy pins for {@code rcd} (see the type's contract). */
    public static java.util.SortedSet<String> pinnedPointers(Rcd rcd, RcdResources resources) {
        java.util.SortedSet<String> pointers = new java.util.TreeSet<>(resources.uris().keySet());
        pointers.add("/nam");
        rcd.apn().ifPresent(apn -> pointers.add("/apn"));
        rcd.jcd().ifPresent(card -> pointers.add("/jcd"));
        return pointers;
    }

    /**
     * The bytes an rcdi digest for {@code pointer} covers: the fetched body when the pointer names
     * a URI, else the canonical JSON of the value; empty when the body could not be fetched or the
     * pointer names nothing.
     */
    public static Optional<byte[]> content(Rcd rcd, RcdResources resources, String pointer) {
        if (resources.uris().containsKey(pointer)) {
            return resources.body(pointer);
        }
        Object root = rcd.toJson();
        String path = pointer;
        if (pointer.startsWith("/jcl/")) {
            Optional<byte[]> card = resources.body("/jcl");
            if (card.isEmpty()) {
                return Optional.empty();
            }
            root = new JsonArray(new String(card.get(), StandardCharsets.UTF_8));
            path = pointer.substring("/jcl".length());
        }
        Object value;
        try {
            value = JsonPointer.from(path).queryJson(root);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(CanonicalJson.ofValue(value).getBytes(StandardCharsets.UTF_8));
    }
}
