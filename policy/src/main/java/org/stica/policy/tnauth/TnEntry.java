package org.stica.policy.tnauth;

/** One TNEntry of a TNAuthList (RFC 8226 §9): an SPC, a telephone-number range or one number. */
public sealed interface TnEntry permits TnEntry.Spc, TnEntry.Range, TnEntry.One {

    /** {@code spc [0] ServiceProviderCode} (IA5String). */
    record Spc(String code) implements TnEntry {
    }

    /** {@code range [1] TelephoneNumberRange}: start number and count (2..MAX). */
    record Range(String start, long count) implements TnEntry {
    }

    /** {@code one [2] TelephoneNumber}. */
    record One(String number) implements TnEntry {
    }
}
