package org.stica.tests.support;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads (without initialising) the classes of the server's modules and of Vert.x once per JVM,
 * on the test thread, before the first server starts. {@code StiCaServer} now builds its modules
 * on a worker thread, so starting no longer needs this (six end-to-end classes passed without it
 * at load average 6-8); it is kept because the first requests still load classes on an event
 * loop (JSON, JWS, PKCS#10 and certificate code paths), which on the shared 2-core machine under
 * heavier load can pass the harness's 800 ms blocked-thread threshold in whichever class runs
 * first. Loading only (no static initialisers) has no side effects.
 */
final class ClassWarmUp {
    private static boolean done;

    private ClassWarmUp() {
    }

    static synchronized void once(Class<?>... anchors) {
        if (done) {
            return;
        }
        done = true;
        ClassLoader loader = ClassWarmUp.class.getClassLoader();
        for (Class<?> anchor : anchors) {
            for (String name : classNames(anchor)) {
                try {
                    Class.forName(name, false, loader);
                } catch (Throwable ignored) {
                    // optional dependencies of a library are absent: nothing to warm
                }
            }
        }
    }

    private static List<String> classNames(Class<?> anchor) {
        List<String> names = new ArrayList<>();
        try {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    files.map(location::relativize).map(Path::toString)
                            .filter(ClassWarmUp::isClass).map(ClassWarmUp::toName)
                            .forEach(names::add);
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String entry = entries.nextElement().getName();
                        if (isClass(entry)) {
                            names.add(toName(entry));
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return names;
        }
        return names;
    }

    private static boolean isClass(String path) {
        return path.endsWith(".class") && !path.contains("module-info")
                && !path.startsWith("META-INF");
    }

    private static String toName(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.')
                .replace('\\', '.');
    }
}
