package org.stica.server.notify;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stica.server.issuance.RevocationService.RevocationListener;
import org.stica.server.store.pg.PgCertificateStore;
import org.stica.server.subscriber.Subscriber;
import org.stica.server.subscriber.store.pg.PgSubscriberStore;

/**
 * Tells the subscriber holding a certificate's SPC that it was revoked, with its reason (issue
 * 15). The event is queued after the revocation committed and never fails or delays it: a failed
 * lookup or enqueue is logged, the certificate stays as it is. The {@code certificate.issued}
 * notice is queued by the statement that records the certificate
 * ({@code PgCertificateStore.recordIssued}).
 */
public final class CertificateEvents implements RevocationListener {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateEvents.class);

    private final PgSubscriberStore registry;
    private final PgCertificateStore certificates;
    private final SubscriberNotifications notifications;

    public CertificateEvents(PgSubscriberStore registry, PgCertificateStore certificates,
                             SubscriberNotifications notifications) {
        this.registry = registry;
        this.certificates = certificates;
        this.notifications = notifications;
    }

    /** The subscriber holding {@code spc}, for the expiry scanner. */
    public Future<Optional<String>> subscriberOf(String spc) {
        return registry.bySpc(spc).map(found -> found.map(Subscriber::id));
    }

    @Override
    public void revoked(String serialHex, int reason, Instant revokedAt) {
        certificates.find(serialHex)
                .onSuccess(found -> found.ifPresent(record -> notify(record.spc(),
                        NotificationEvent.revoked(serialHex, record.spc(), reason, revokedAt))))
                .onFailure(e -> LOG.warn("no revocation notice for {}: {}", serialHex,
                        e.toString()));
    }

    private void notify(String spc, NotificationEvent event) {
        subscriberOf(spc)
                .compose(holder -> holder.map(id -> notifications.enqueue(id, event))
                        .orElseGet(Future::succeededFuture))
                .onFailure(e -> LOG.warn("no {} notice for SPC {}: {}", event.type(), spc,
                        e.toString()));
    }
}
