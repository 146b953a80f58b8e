package org.samplesapi.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * What some tests need from the machine (a tool on the PATH, the shared/ reference beside the checkout). On a
 * developer's machine a missing one skips the test; in CI ({@code CI} set) it fails it, so a green run cannot hide
 * a check that never ran.
 */
public final class Prerequisites {

    private Prerequisites() {
    }

    public static void require(boolean present, String what) {
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
            assertTrue(present, what + " is missing, and CI must provide it");
        }
        Assumptions.assumeTrue(present, what + " is missing");
    }

    public static void requireCommand(String command) {
        require(Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command))), command + " on the PATH");
    }

    public static void requireFile(Path path) {
        require(Files.exists(path), path.toString());
    }
}
