package org.stica.server.passport;

import io.vertx.core.Future;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.stica.policy.rcd.RcdResourceFetcher;

/**
 * Serves the resources an {@code rcd} references from local files instead of the network
 * ({@code verify-passport --offline URL=FILE}), for checks before the content is published and
 * for tests. A URL not mapped, or a file that cannot be read, fails as not fetched.
 */
public final class OfflineRcdResourceFetcher implements RcdResourceFetcher {
    private final Map<URI, Path> files;

    public OfflineRcdResourceFetcher(Map<URI, Path> files) {
        this.files = Map.copyOf(files);
    }

    @Override
    public Future<byte[]> fetch(URI uri) {
        Path file = files.get(uri);
        if (file == null) {
            return Future.failedFuture("offline: no local file mapped for this URL");
        }
        try {
            return Future.succeededFuture(Files.readAllBytes(file));
        } catch (IOException e) {
            return Future.failedFuture("offline: cannot read " + file);
        }
    }
}
