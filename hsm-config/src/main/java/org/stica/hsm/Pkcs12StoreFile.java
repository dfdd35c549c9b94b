package org.stica.hsm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Set;

/**
 * Reads and writes a PKCS#12 key store file (RFC 7292). A write never leaves a half-written
 * store: it goes to a temporary file in the same directory, created owner-only (0600) where the
 * file system supports POSIX permissions, is forced to disk, and then atomically replaces the
 * store. The password is used, never logged.
 */
final class Pkcs12StoreFile {
    static final String TYPE = "PKCS12";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rw-------");

    private final Path path;

    Pkcs12StoreFile(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    Path path() {
        return path;
    }

    /** The store in the file, or a new empty one when the file does not exist yet. */
    KeyStore load(char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(TYPE);
        if (!Files.exists(path)) {
            store.load(null, password);
            return store;
        }
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password);
        }
        return store;
    }

    /** Replaces the file with {@code store}, atomically. */
    void save(KeyStore store, char[] password) throws IOException, GeneralSecurityException {
        Path directory = path.getParent();
        Files.createDirectories(directory);
        Path temp = createTemp(directory);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                store.store(out, password);
                out.flush();
                channel.force(true);
            }
            move(temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private Path createTemp(Path directory) throws IOException {
        String prefix = "." + path.getFileName() + ".";
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly =
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            return Files.createTempFile(directory, prefix, ".tmp", ownerOnly);
        }
        return Files.createTempFile(directory, prefix, ".tmp");
    }

    private void move(Path temp) throws IOException {
        try {
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + path + " cannot replace files"
                    + " atomically", e);
        }
    }
}
