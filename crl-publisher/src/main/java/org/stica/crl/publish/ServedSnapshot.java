package org.stica.crl.publish;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.stica.crl.store.StoredCrl;

/**
 * The CRL (or ARL) an instance serves. A stored CRL replaces it only when its number is higher;
 * its files are written off the event loop first. The files of the snapshot served two swaps ago
 * are deleted (a download may still be reading the previous one). Listeners hear of every new
 * snapshot, in the order they registered.
 */
public final class ServedSnapshot {
    private final Vertx vertx;
    private final AtomicReference<CrlSnapshot> current = new AtomicReference<>();
    private final List<Consumer<CrlSnapshot>> listeners = new CopyOnWriteArrayList<>();
    /** The snapshot served before the current one; its files go when the next one comes. */
    private CrlSnapshot superseded;

    public ServedSnapshot(Vertx vertx) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
    }

    /** The snapshot served now, or null before the first one. */
    public CrlSnapshot get() {
        return current.get();
    }

    public void onServed(Consumer<CrlSnapshot> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Serves {@code crl} if it is newer; completes with the snapshot served afterwards. */
    public Future<CrlSnapshot> adopt(StoredCrl crl) {
        CrlSnapshot now = current.get();
        if (now != null && crl.number().compareTo(now.crl().number()) <= 0) {
            return Future.succeededFuture(now);
        }
        return vertx.executeBlocking(() -> CrlSnapshot.of(crl), false).map(this::swap);
    }

    private synchronized CrlSnapshot swap(CrlSnapshot snapshot) {
        CrlSnapshot before = current.get();
        if (before != null && snapshot.crl().number().compareTo(before.crl().number()) <= 0) {
            return before;
        }
        current.set(snapshot);
        CrlSnapshot old = superseded;
        superseded = before;
        if (old != null && !old.derFile().equals(snapshot.derFile())) {
            vertx.executeBlocking(() -> {
                old.delete();
                return null;
            }, false);
        }
        listeners.forEach(listener -> listener.accept(snapshot));
        return snapshot;
    }
}
