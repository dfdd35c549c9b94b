package org.stica.policy.rcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stica.policy.rcd.RcdVectors.utf8;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stica.policy.PolicyException;
import org.stica.policy.Violation;

/** rcdi digests (RFC 9795 §6.1) against the RFC's own vectors (RCD.md §2). */
class RcdiCalculatorTest {
    private static final byte[] ICON = utf8("not really a png, but bytes all the same");

    @Test
    void digest_namString_hashesItWithItsQuotes() {
        // RFC 9795 §6.1 step 1 and §8.3: a JSON string is hashed in its serialized form.
        String canonical = CanonicalJson.of("\"" + RcdVectors.NAM + "\"");
        assertEquals(RcdVectors.NAM_DIGEST, RcdiAlgorithm.SHA256.digest(utf8(canonical)));
        assertNotEquals(RcdVectors.NAM_DIGEST, RcdiAlgorithm.SHA256.digest(utf8(RcdVectors.NAM)));
    }

    @Test
    void compute_nameOnly_givesTheRfcNamVector() {
        Rcd rcd = Rcd.ofName(RcdVectors.NAM);
        Rcdi rcdi = RcdiCalculator.compute(rcd, RcdResources.of(rcd, Map.of()),
                RcdiAlgorithm.SHA256);
        assertEquals(Map.of("/nam", RcdVectors.NAM_DIGEST), rcdi.digests());
    }

    @Test
    void compute_inlineJCard_givesTheRfcJcdVectorAndOneEntryPerUri() {
        // RFC 9795 §6.1.3: /jcd over the canonical jCard, one entry per URI inside it.
        String pretty = new JsonArray(RcdVectors.jCard("quartermaster-256x256.png")).encodePrettily();
        Rcd rcd = Rcd.fromJson(new JsonObject().put("nam", RcdVectors.NAM)
                .put("jcd", new JsonArray(pretty)));
        Map<URI, byte[]> bodies = Map.of(
                URI.create("https://example.com/photos/quartermaster-256x256.png"), ICON,
                URI.create("https://example.com/logos/mi6-256x256.jpg"), utf8("big logo"),
                URI.create("https://example.com/logos/mi6-64x64.jpg"), utf8("small logo"));
        Rcdi rcdi = RcdiCalculator.compute(rcd, RcdResources.of(rcd, bodies),
                RcdiAlgorithm.SHA256);
        assertEquals(RcdVectors.JCD_DIGEST, rcdi.digests().get("/jcd"));
        assertEquals(RcdiAlgorithm.SHA256.digest(ICON), rcdi.digests().get("/jcd/1/3/3"));
        assertEquals(RcdiAlgorithm.SHA256.digest(utf8("small logo")),
                rcdi.digests().get("/jcd/1/5/3"));
        assertEquals(5, rcdi.digests().size(), rcdi.digests()::toString);
    }

    @Test
    void compute_jclUrl_hashesTheExactBytesServed() throws Exception {
        // RFC 9795 §6.1 step 3, §8.3 /jcl: the digest covers the bytes fetched, which for the
        // RFC's vector are the compact jCard; pretty-printed bytes give another digest.
        Rcd rcd = new Rcd(RcdVectors.NAM, Optional.empty(), Optional.empty(),
                Optional.of(RcdVectors.JCL), Optional.empty());
        String compact = RcdVectors.jCard("q-256x256.png");
        Rcdi rcdi = compute(rcd, uri -> Future.succeededFuture(
                uri.equals(RcdVectors.JCL) ? utf8(compact) : ICON));
        assertEquals(RcdVectors.JCL_DIGEST, rcdi.digests().get("/jcl"));
        assertEquals(RcdiAlgorithm.SHA256.digest(ICON), rcdi.digests().get("/jcl/1/3/3"));
        assertEquals(RcdVectors.NAM_DIGEST, rcdi.digests().get("/nam"));

        String pretty = new JsonArray(compact).encodePrettily();
        Rcdi prettyRcdi = compute(rcd, uri -> Future.succeededFuture(
                uri.equals(RcdVectors.JCL) ? utf8(pretty) : ICON));
        assertNotEquals(RcdVectors.JCL_DIGEST, prettyRcdi.digests().get("/jcl"));
    }

    @Test
    void compute_iconNotFetchable_refusesWithTheReason() {
        Rcd rcd = Rcd.ofName(RcdVectors.NAM).withIcon(RcdVectors.ICN);
        var future = RcdiCalculator.compute(rcd,
                uri -> Future.failedFuture("host not on the allow-list"), RcdiAlgorithm.SHA256);
        PolicyException e = assertThrows(PolicyException.class, () -> await(future));
        assertEquals(Violation.RCD_RESOURCE_UNAVAILABLE, e.violation());
        assertTrue(e.detail().contains("host not on the allow-list"), e.detail());
    }

    @Test
    void compute_sha384_namesItsAlgorithm() {
        Rcd rcd = Rcd.ofName("");
        String digest = RcdiCalculator.compute(rcd, RcdResources.of(rcd, Map.of()),
                RcdiAlgorithm.SHA384).digests().get("/nam");
        assertTrue(digest.startsWith("sha384-") && digest.length() == 7 + 64, digest);
    }

    @Test
    void rcdi_canonical_isTheRfc8225Form() {
        // RFC 8225 §9: members sorted, no whitespace (RCD.md §7 worked example).
        Rcdi rcdi = Rcdi.fromJson(new JsonObject().put("/nam", RcdVectors.NAM_DIGEST)
                .put("/icn", RcdVectors.ICN_DIGEST));
        assertEquals(RcdVectors.EXAMPLE_RCDI, rcdi.canonical());
    }

    @Test
    void rcdi_badDigestStrings_refused() {
        // RFC 9795 §6: <alg>-<base64>, alg one of sha256/384/512, lowercase.
        for (String bad : new String[] {"SHA256-" + RcdVectors.NAM_DIGEST.substring(7),
                "md5-AAAA", "sha256-short", "sha256"}) {
            PolicyException e = assertThrows(PolicyException.class,
                    () -> Rcdi.fromJson(new JsonObject().put("/nam", bad)), bad);
            assertEquals(Violation.RCD_MALFORMED, e.violation());
        }
        assertThrows(PolicyException.class,
                () -> Rcdi.fromJson(new JsonObject().put("nam", RcdVectors.NAM_DIGEST)));
    }

    @Test
    void rcd_badSets_refused() {
        // RFC 9795 §5.1: nam required; jcd and jcl exclusive; icn/jcl HTTPS.
        assertThrows(PolicyException.class, () -> Rcd.fromJson(new JsonObject()));
        assertThrows(PolicyException.class, () -> Rcd.fromJson(new JsonObject().put("nam", "x")
                .put("icn", "http://example.com/a.png")));
        assertThrows(PolicyException.class, () -> Rcd.fromJson(new JsonObject().put("nam", "x")
                .put("jcl", RcdVectors.JCL.toString())
                .put("jcd", new JsonArray(RcdVectors.jCard("a.png")))));
        assertThrows(PolicyException.class, () -> Rcd.fromJson(new JsonObject().put("nam", 7)));
        assertThrows(PolicyException.class, () -> Rcd.fromJson(new JsonObject().put("nam", "x")
                .put("foo", "bar")));
    }

    @Test
    void canonicalJson_sortsMembersAndDropsWhitespace() {
        assertEquals("{\"a\":[1,\"x\"],\"b\":{\"c\":true,\"d\":null}}",
                CanonicalJson.of(" { \"b\" : {\"d\":null, \"c\":true}, \"a\": [1.0, \"x\"] } "));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.of("{\"a\":1"));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.of("1,2"));
    }

    private static Rcdi compute(Rcd rcd, RcdResourceFetcher fetcher) throws Exception {
        return await(RcdiCalculator.compute(rcd, fetcher, RcdiAlgorithm.SHA256));
    }

    static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
