package org.stica.crl.testing;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.stica.crl.port.RevokedCertificateSource;
import org.stica.crl.port.RevokedEntry;

/** A {@link RevokedCertificateSource} over a mutable list, as ca-server's would be over its table.
 *
 */
public final class ListRevokedSource implements RevokedCertificateSource {
    private final List<RevokedEntry> entries = new CopyOnWriteArrayList<>();

    public ListRevokedSource revoke(RevokedEntry entry) {
        entries.add(entry);
        return this;
    }

    @Override
    public Future<List<RevokedEntry>> revokedUnexpired(Instant now) {
        return Future.succeededFuture(List.copyOf(entries));
    }
}
