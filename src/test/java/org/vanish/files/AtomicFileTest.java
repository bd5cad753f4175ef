package org.vanish.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void aWriteThatFailsRemovesTheFoldersItMadeButNoOther() throws IOException {
        // as analyze --csv out/csv on a full disk: the folder was made, the files failed, an empty folder was left
        java.util.Map<Path, AtomicFile.Content> files = new java.util.LinkedHashMap<>();
        files.put(dir.resolve("out/csv/a.csv"), out -> out.write("t,a\n".getBytes()));
        files.put(dir.resolve("out/csv/b.csv"), out -> {
            throw new IOException("No space left on device");
        });
        Files.createDirectories(dir.resolve("kept"));
        files.put(dir.resolve("kept/c.csv"), out -> out.write("t,c\n".getBytes()));
        WriteFailure e = assertThrows(WriteFailure.class, () -> AtomicFile.writeAll(files));
        assertEquals("cannot write " + dir.resolve("out/csv/b.csv") + ": no space left on device", e.getMessage());
        try (var left = Files.list(dir)) {
            assertEquals(java.util.List.of(dir.resolve("kept")), left.toList(), "out/csv is removed, kept is not");
        }
    }

    @Test
    void aFileWhoseNameIsNearTheSystemsLimitIsWritten() throws IOException {
        // 244 bytes: a legal name, but ".NAME.<16 hex>.tmp" beside it would be 266, too long for the temporary file
        for (String name : new String[] {"y".repeat(240) + ".png", "é".repeat(120) + ".csv"}) {
            Path f = AtomicFile.write(dir.resolve(name), "whole");
            assertEquals("whole", Files.readString(f));
            Path stale = Files.writeString(dir.resolve("." + AtomicFile.tmpStem(name) + ".3f2a9c01d4e5b6a7.tmp"), "");
            AtomicFile.write(f, "again");
            assertFalse(Files.exists(stale), "a killed writer's temporary file of a long name is found and removed");
            try (var files = Files.list(dir)) {
                assertEquals(java.util.List.of(f), files.toList(), "no temporary file is left");
            }
            Files.delete(f);
        }
    }

    @Test
    void aWriteThroughASymbolicLinkReplacesTheFileItPointsToAndKeepsTheLink() throws IOException {
        Path real = Files.writeString(Files.createDirectories(dir.resolve("shared")).resolve("report.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("report.json"), Path.of("shared/report.json"));
        AtomicFile.write(link, "new");
        assertTrue(Files.isSymbolicLink(link), "the link is kept");
        assertEquals("new", Files.readString(real), "the file it points to has the new content");
        // a link to a file not made yet makes it
        Path dangling = Files.createSymbolicLink(dir.resolve("fig.svg"), Path.of("shared/fig.svg"));
        AtomicFile.write(dangling, "<svg/>");
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("<svg/>", Files.readString(dir.resolve("shared/fig.svg")));
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws IOException {
        Path f = Files.writeString(dir.resolve("private.json"), "old");
        if (!Files.getFileStore(f).supportsFileAttributeView("posix")) {
            return;
        }
        for (String mode : new String[] {"rw-------", "rw-rw-r--"}) {
            Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
            AtomicFile.write(f, "new " + mode);
            assertEquals(mode, java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
            assertEquals("new " + mode, Files.readString(f));
        }
    }

    @Test
    void checkWritableLeavesNoTraceAndWordsWhatIsInTheWay() throws IOException {
        Path f = dir.resolve("a/b/report.json");
        AtomicFile.checkWritable(f);
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "the folders the check made are removed, no temporary file is left");
        }
        Path file = Files.writeString(dir.resolve("file"), "x");
        WriteFailure e = assertThrows(WriteFailure.class, () -> AtomicFile.checkWritable(file.resolve("r.json")));
        assertEquals("cannot write " + file.resolve("r.json") + ": " + file + " is a file, not a folder", e.getMessage());
        AtomicFile.write(dir.resolve("kept.json"), "old");
        AtomicFile.checkWritable(dir.resolve("kept.json"));
        assertEquals("old", Files.readString(dir.resolve("kept.json")));
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

    @Test
    void aWriteRemovesTheTemporaryFilesAKilledWriterLeftOfItsTargetOnly() throws Exception {
        Path f = dir.resolve("report.json");
        Path stale = Files.writeString(dir.resolve(".report.json.3f2a9c01d4e5b6a7.tmp"), "half a report");
        Path other = Files.writeString(dir.resolve(".other.json.3f2a9c01d4e5b6a7.tmp"), "another target's");
        Path lookalike = Files.writeString(dir.resolve(".report.json.notours.tmp"), "not a name we make");
        AtomicFile.write(f, "new");
        assertEquals("new", Files.readString(f));
        assertEquals(false, Files.exists(stale), "the stale temporary file of report.json is gone");
        assertEquals(true, Files.exists(other), "another target's temporary file is left");
        assertEquals(true, Files.exists(lookalike));
    }

    @Test
    void aWriteInProgressIsNotTakenForAStaleOne() throws Exception {
        Path f = dir.resolve("fig.svg");
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<Path> slow = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return AtomicFile.write(f, out -> {
                    out.write("slow".getBytes());
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        started.await();
        AtomicFile.write(f, "fast");
        release.countDown();
        slow.get();
        assertEquals("slow", Files.readString(f), "the slow write was not disturbed and renamed last");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aFolderInTheWayOrAFileAsParentIsNamedWithThePath() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("x.png"));
        WriteFailure e = assertThrows(WriteFailure.class, () -> AtomicFile.write(folder, "x"));
        assertEquals("cannot write " + folder + ": it is a folder", e.getMessage());
        Path file = Files.writeString(dir.resolve("plain"), "a file");
        e = assertThrows(WriteFailure.class, () -> AtomicFile.write(file.resolve("a/b.svg"), "x"));
        assertEquals("cannot write " + file.resolve("a/b.svg") + ": " + file + " is a file, not a folder",
                e.getMessage());
    }

    @Test
    void reasonsAreWords() {
        assertEquals("permission denied", WriteFailure.reason(new java.nio.file.AccessDeniedException("/x")));
        assertEquals("read-only file system",
                WriteFailure.reason(new java.nio.file.FileSystemException("/x", null, "Read-only file system")));
        assertEquals("no space left on device",
                WriteFailure.reason(new javax.imageio.IIOException("I/O error writing PNG file!",
                        new IOException("No space left on device"))));
    }
}
