package org.vanish.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The jar's main, as a user starts it: a separate JVM without a display. */
class LauncherTest {
    private static final long TIMEOUT_S = 120;

    @Test
    void aMistypedCommandExitsTwoWithOneLineAndOpensNoWindow() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "analyse", "presets/default.json");
        pb.environment().remove("DISPLAY");
        Process p = pb.start();
        assertTrue(p.waitFor(TIMEOUT_S, TimeUnit.SECONDS), "the launcher did not exit");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(2, p.exitValue(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("analyze, bench, export, import, train"), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        assertEquals("", out);
    }
}
