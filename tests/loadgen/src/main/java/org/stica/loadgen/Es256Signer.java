package org.stica.loadgen;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;

/**
 * ES256 signatures (RFC 7518 §3.4: ECDSA P-256 over SHA-256, the 64-byte R||S form) with the
 * Bouncy Castle lightweight API, one instance per account key and worker (signing is
 * synchronized: uncontended, as only the worker's event loop signs, but never corrupted).
 *
 * <p>Why not nimbus-jose-jwt over JCA: every request of a flow is signed, and the JCA path
 * (provider lookup, {@code Signature} object, DER encoding then transcoding to R||S, nimbus'
 * header objects) cost as much CPU as the elliptic-curve arithmetic itself. Here the private
 * scalar stays in one {@link ECDSASigner} on Bouncy Castle's optimised secp256r1 curve, whose
 * fixed-point comb table for the generator is computed once per process and shared. The nonce
 * {@code k} is derived deterministically (RFC 6979 with HMAC-SHA256): no entropy read per
 * signature, and distinct for every distinct signing input (each carries a fresh ACME nonce).
 */
final class Es256Signer {
    /** P-256 on Bouncy Castle's custom (fast) field arithmetic; one instance, shared precomputation. */
    static final ECDomainParameters P256;

    static {
        X9ECParameters x9 = CustomNamedCurves.getByName("secp256r1");
        P256 = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH(), x9.getSeed());
    }

    private final ECDSASigner ecdsa = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    private final SHA256Digest sha256 = new SHA256Digest();
    private final byte[] hash = new byte[32];

    /** @param d the private scalar of a P-256 key */
    Es256Signer(BigInteger d) {
        ecdsa.init(true, new ECPrivateKeyParameters(d, P256));
    }

    /** The ES256 signature (R||S, 32 bytes each, big-endian) of {@code input[0, length)}. */
    synchronized byte[] sign(byte[] input, int length) {
        sha256.update(input, 0, length);
        sha256.doFinal(hash, 0);
        BigInteger[] rs = ecdsa.generateSignature(hash);
        byte[] out = new byte[64];
        BigIntegers.asUnsignedByteArray(rs[0], out, 0, 32);
        BigIntegers.asUnsignedByteArray(rs[1], out, 32, 32);
        return out;
    }
}
