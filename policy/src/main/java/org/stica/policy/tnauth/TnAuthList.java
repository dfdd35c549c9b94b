package org.stica.policy.tnauth;

import java.util.List;
import java.util.Optional;

/**
 * A decoded TNAuthorizationList (RFC 8226 §9): a non-empty sequence of {@link TnEntry}. Produced
 * by {@link TnAuthListCodec}; the DER form is what protocol code compares.
 */
public record TnAuthList(List<TnEntry> entries) {

    public TnAuthList {
        entries = List.copyOf(entries);
    }

    public static TnAuthList ofSpc(String spc) {
        return new TnAuthList(List.of(new TnEntry.Spc(spc)));
    }

    /** The SPC when this list holds exactly one entry and it is an SPC (the SHAKEN EE shape). */
    public Optional<String> singleSpc() {
        if (entries.size() == 1 && entries.get(0) instanceof TnEntry.Spc spc) {
            return Optional.of(spc.code());
        }
        return Optional.empty();
    }
}
