package org.stica.server.ca;

import io.vertx.core.Future;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.stica.crl.port.RevokedCaSource;
import org.stica.crl.port.RevokedEntry;
import org.stica.policy.profile.SerialNumbers;
import org.stica.server.store.pg.PgCaKeyRevocationStore;

/**
 * {@link RevokedCaSource} over {@code ca_key_revocation}: every revoked CA certificate, for the
 * root's ARL (all of them were issued by the root).
 */
public final class RevokedCaKeys implements RevokedCaSource {
    private final PgCaKeyRevocationStore store;
    private final X500Name rootName;

    public RevokedCaKeys(PgCaKeyRevocationStore store, X500Name rootName) {
        this.store = store;
        this.rootName = rootName;
    }

    @Override
    public Future<List<RevokedEntry>> revokedCaCertificates() {
        return store.all().map(all -> all.stream()
                .map(r -> new RevokedEntry(SerialNumbers.fromHex(r.serialHex()), r.revokedAt(),
                        r.reason(), rootName))
                .toList());
    }
}
