package org.vanish.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void aWriteThatFailsHalfwayLeavesTheOldFileAndNoTemporary() throws IOException {
        Path f = dir.resolve("report.json");
        AtomicFile.write(f, "old");
        assertThrows(IOException.class, () -> AtomicFile.write(f, out -> {
            out.write("half of the new".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void writtenFilesAreReadableByOthers() throws IOException {
        Path f = AtomicFile.write(dir.resolve("a/b/fig.svg"), "<svg/>");
        assertEquals("<svg/>", Files.readString(f));
        if (Files.getFileStore(f).supportsFileAttributeView("posix")) {
            assertEquals(true, Files.getPosixFilePermissions(f).contains(
                    java.nio.file.attribute.PosixFilePermission.OTHERS_READ));
        }
    }
}
