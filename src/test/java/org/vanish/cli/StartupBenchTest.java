package org.vanish.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** bench --startup: what it launches, and how it reads the app's report of its first frame. */
class StartupBenchTest {

    @Test
    void jarsAndImagesAreNamedInOrderAndMissingOnesAreRefused(@TempDir Path dir) throws Exception {
        Path a = Files.createFile(dir.resolve("a.jar"));
        Path b = Files.createFile(dir.resolve("b.jar"));
        Map<String, List<String>> c = StartupBench.commands(List.of(a, b), List.of());
        assertEquals(List.of("jar", "jar#2"), List.copyOf(c.keySet()));
        assertEquals(List.of("-jar", b.toString()), c.get("jar#2").subList(1, 3));
        Errors.UserError e = assertThrows(Errors.UserError.class,
                () -> StartupBench.commands(List.of(dir.resolve("missing.jar")), List.of()));
        assertTrue(e.getMessage().startsWith("--jar: "), e.getMessage());
        assertThrows(Errors.UserError.class, () -> StartupBench.commands(List.of(), List.of(a)),
                "a jar is not an executable launcher");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aLaunchEndsAtTheProbesLineAndReadsItsCpuTime() throws Exception {
        StartupBench.Launch l = StartupBench.launch(List.of("sh", "-c",
                "echo starting >&2; sleep 0.2; echo '" + StartupBench.MARKER + " cpu=123' >&2; sleep 5"));
        assertEquals(123, l.cpuMs());
        assertTrue(l.wallMs() >= 200 && l.wallMs() < 4_000, "from the start to the line, not to the exit: " + l);
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void anAppThatEndsWithoutAFrameIsAnErrorWithItsLastWords() {
        IOException e = assertThrows(IOException.class,
                () -> StartupBench.launch(List.of("sh", "-c", "echo 'no display' >&2; exit 3")));
        assertTrue(e.getMessage().contains("exit 3") && e.getMessage().contains("no display"), e.getMessage());
    }
}
