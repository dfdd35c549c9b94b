package org.stica.server.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publication to a directory (config {@code publication.directory}, {@code STICA_PUBLICATION_DIR})
 * so a CDN or object store can serve the same files as the public port: each file is written at
 * the path of its URL (e.g. {@code crl/shaken.crl}, {@code cr/<serial>.pem},
 * {@code ca/trust-anchors.json}) to a temporary file in the same directory and then renamed over
 * the old one (atomic on POSIX file systems), so a reader never sees a partial file. Writes run
 * on worker threads; a failure is logged and reported, never hidden.
 */
public final class DirectoryPublication {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryPublication.class);

    private final Vertx vertx;
    private final Path root;

    public DirectoryPublication(Vertx vertx, Path root) {
        this.vertx = vertx;
        this.root = root.toAbsolutePath().normalize();
    }

    /** Writes {@code bytes} at {@code urlPath} (e.g. {@code /crl/shaken.crl}) atomically. */
    public Future<Void> write(String urlPath, byte[] bytes) {
        return publish(urlPath, temp -> Files.write(temp, bytes));
    }

    /**
     * Copies the file {@code source} to {@code urlPath} atomically (a large CRL is streamed, never
     * read into memory).
     */
    public Future<Void> copy(String urlPath, Path source) {
        return publish(urlPath, temp -> Files.copy(source, temp,
                StandardCopyOption.REPLACE_EXISTING));
    }

    /** Fills a temporary file. */
    @FunctionalInterface
    private interface Filler {
        void fill(Path temp) throws IOException;
    }

    private Future<Void> publish(String urlPath, Filler filler) {
        Path target = root.resolve(urlPath.startsWith("/") ? urlPath.substring(1) : urlPath)
                .normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            return Future.failedFuture(new IllegalArgumentException(
                    "publication path escapes the directory: " + urlPath));
        }
        return vertx.<Void>executeBlocking(() -> {
            writeAtomically(target, filler);
            return null;
        }, false).onFailure(e -> LOG.error("publishing {} to {} failed", urlPath, root, e));
    }

    private static void writeAtomically(Path target, Filler filler) {
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(),
                    ".tmp");
            try {
                filler.fill(temp);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
