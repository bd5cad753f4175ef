package org.vanish.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command line in-process with its standard error captured, for tests. */
public final class CliRunner {
    private CliRunner() {
    }

    /** VanishCli.run(args) with stderr written to err; returns the exit code. */
    public static int run(ByteArrayOutputStream err, String... args) {
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return VanishCli.run(args);
        } finally {
            System.setErr(old);
        }
    }
}
