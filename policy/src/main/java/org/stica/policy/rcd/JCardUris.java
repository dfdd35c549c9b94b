package org.stica.policy.rcd;

import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The URI values of a jCard (RFC 7095: {@code ["vcard", [[name, params, type, value], ...]]}),
 * keyed by the RFC 6901 pointer RFC 9795 §6.1.3–§6.1.4 uses for them: {@code <prefix>/1/<i>/3}
 * for the i-th property whose value type is {@code uri}. Each must be an HTTPS URL.
 */
public final class JCardUris {
    private JCardUris() {
    }

    /** The URIs of {@code card} by pointer; refuses anything that is not a jCard. */
    public static SortedMap<String, URI> of(JsonArray card, String prefix) {
        if (card.size() != 2 || !"vcard".equals(card.getValue(0))
                || !(card.getValue(1) instanceof JsonArray properties)) {
            throw Rcd.malformed("a jCard must be [\"vcard\", [properties]] (RFC 7095 §3.2)");
        }
        SortedMap<String, URI> uris = new TreeMap<>();
        for (int i = 0; i < properties.size(); i++) {
            if (!(properties.getValue(i) instanceof JsonArray property) || property.size() < 4) {
                throw Rcd.malformed("jCard property " + i + " is not [name, params, type, value]");
            }
            if ("uri".equals(property.getValue(2))) {
                if (!(property.getValue(3) instanceof String text)) {
                    throw Rcd.malformed("jCard property " + i + " has a non-string uri value");
                }
                URI uri = Rcd.uri(text);
                Rcd.requireHttps(uri, "jCard property " + i);
                uris.put(prefix + "/1/" + i + "/3", uri);
            }
        }
        return uris;
    }
}
