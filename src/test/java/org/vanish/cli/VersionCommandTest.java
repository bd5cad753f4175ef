package org.vanish.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.vanish.Version;

/** vanish --version and the About dialog show the version Maven built, not a number written into the code. */
class VersionCommandTest {

    /** The project's own version, read from pom.xml (the first version element after the artifactId). */
    static String pomVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>vanish</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "pom.xml has the project's version");
        return m.group(1);
    }

    @Test
    void theVersionIsThePomsVersion() throws Exception {
        assertEquals(pomVersion(), Version.number());
        assertEquals("Vanish " + pomVersion(), Version.nameAndNumber());
    }

    @Test
    void versionOptionPrintsItAndExitsZero() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = CliRunner.run(new ByteArrayOutputStream(), "--version");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code);
        String first = out.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
        assertEquals("vanish " + pomVersion(), first);
    }
}
