package org.stica.crl.check;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A compact set of CRL entries keyed by (certificateIssuer, serial) — optionally with the reason —
 * as sorted 64-bit hashes (8 bytes an entry, so a million entries take 8 MiB). Entries of an
 * indirect CRL are identified by issuer and serial together (RFC 5280 §5.3.3: two CAs may use the
 * same serial). A key absent from the set is certainly absent; a present key may, with a
 * probability near n²/2⁶⁵ (about 3·10⁻⁸ for a million entries), be another entry's hash.
 * Add everything, then {@link #seal()} once before asking {@link #contains}.
 */
public final class EntryKeys {
    /** Marks a key made without a reason. */
    public static final int ANY_REASON = -1;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private long[] keys = new long[1024];
    private int size;
    private boolean sealed;
    private byte[] lastIssuer;
    private long lastIssuerHash;

    /** Adds the entry (issuer DER, serial, reason or {@link #ANY_REASON}). */
    public void add(byte[] issuerDer, BigInteger serial, int reason) {
        if (sealed) {
            throw new IllegalStateException("sealed");
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        keys[size++] = key(issuerDer, serial, reason);
    }

    /** Sorts the keys; call once after the last {@link #add}. */
    public EntryKeys seal() {
        Arrays.sort(keys, 0, size);
        sealed = true;
        return this;
    }

    /** Whether the entry is (very probably) in the set. */
    public boolean contains(byte[] issuerDer, BigInteger serial, int reason) {
        if (!sealed) {
            throw new IllegalStateException("seal() first");
        }
        return Arrays.binarySearch(keys, 0, size, key(issuerDer, serial, reason)) >= 0;
    }

    public int size() {
        return size;
    }

    private long key(byte[] issuerDer, BigInteger serial, int reason) {
        long hash;
        if (issuerDer == lastIssuer) {
            hash = lastIssuerHash;
        } else {
            hash = fnv(FNV_OFFSET, issuerDer);
            lastIssuer = issuerDer;
            lastIssuerHash = hash;
        }
        hash = fnv(hash, serial.toByteArray());
        hash = (hash ^ (reason + 2)) * FNV_PRIME;
        return mix(hash);
    }

    private static long fnv(long hash, byte[] data) {
        long h = hash;
        for (byte b : data) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        return (h ^ data.length) * FNV_PRIME;
    }

    /** MurmurHash3's 64-bit finaliser: spreads every input bit over the key. */
    private static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
