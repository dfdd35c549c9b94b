package org.stica.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DirectoryPublicationTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void write_twice_replacesWholeFileAndLeavesNoTemporary() throws Exception {
        Path dir = Files.createTempDirectory("stica-pub");
        DirectoryPublication publication = new DirectoryPublication(vertx, dir);
        publication.write("/crl/shaken.crl", new byte[] {1, 2, 3}).await();
        publication.write("/crl/shaken.crl", new byte[] {4, 5}).await();

        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(dir.resolve("crl/shaken.crl")));
        try (var files = Files.list(dir.resolve("crl"))) {
            assertTrue(files.allMatch(p -> p.getFileName().toString().equals("shaken.crl")));
        }
    }

    @Test
    void write_pathOutsideDirectory_isRefused() throws Exception {
        Path dir = Files.createTempDirectory("stica-pub");
        DirectoryPublication publication = new DirectoryPublication(vertx, dir);
        assertThrows(IllegalArgumentException.class,
                () -> publication.write("/../escape.pem", new byte[] {1}).await());
        assertFalse(Files.exists(dir.getParent().resolve("escape.pem")));
    }
}
