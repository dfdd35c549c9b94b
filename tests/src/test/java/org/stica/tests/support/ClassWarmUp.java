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
 * on the test thread, before the first server starts. The first {@code StiCaServer.start} in a
 * JVM otherwise loads thousands of classes while wiring on an event loop, which the harness's
 * low blocked-thread threshold reports as a blocked event loop in whichever end-to-end class
 * happens to run first. Loading only (no static initialisers) has no side effects.
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
