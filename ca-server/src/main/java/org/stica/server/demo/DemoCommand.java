package org.stica.server.demo;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code demo}: starts a complete demo system (database, keys, CA hierarchy, demo STI-PA). */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a complete demo: database, keys, CA hierarchy and a demo STI-PA")
public final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("demo: not available yet");
        return 1;
    }
}
