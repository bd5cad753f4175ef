package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The app's writes (Save as, Export of a view and of the whole dashboard) onto a full disk and into a place with
 * a file or folder in the way: one line in the error field naming the path and the reason, the previous file byte
 * for byte, no temporary file, and a preset that was not saved still marked modified and still without that file.
 */
class DashboardWriteFailureTest {
    private static final byte[] OLD = "the previous file, which must survive".getBytes(StandardCharsets.UTF_8);
    private final DashboardViewModel vm = new DashboardViewModel(Runnable::run, Runnable::run);
    private final ControlsViewModel controls = new ControlsViewModel(vm);

    /** A disk of about bytes, in blocks of 128. */
    private static FileSystem disk(long bytes) {
        return Jimfs.newFileSystem(Configuration.unix().toBuilder().setBlockSize(128).setMaxSize(bytes).build());
    }

    @Test
    void aFullDiskFailsEveryWriteOfTheAppAndKeepsThePreviousFiles() throws Exception {
        vm.loadDefault();
        controls.stepsProperty().set(60);
        assertTrue(vm.isModified());
        for (String name : List.of("mine.json", "grad.png", "spec.svg", "dashboard.png")) {
            try (FileSystem fs = disk(1024)) {
                Path dir = Files.createDirectories(fs.getPath("/out"));
                Path f = Files.write(dir.resolve(name), OLD);
                if (name.equals("mine.json")) {
                    assertFalse(vm.saveAs(f));
                    assertTrue(vm.isModified(), "not saved: still modified");
                    assertNull(vm.fileProperty().get(), "not saved: the preset has no file yet");
                } else {
                    ExecutionException e = assertThrows(ExecutionException.class, () -> (name.equals("dashboard.png")
                            ? vm.exportDashboard(f, 1) : vm.exportFigure(name.startsWith("grad") ? "gradient-norm"
                            : "spectrum", f, name.endsWith(".svg") ? 0 : 1)).get());
                    assertTrue(e.getCause().getMessage().contains("no space left on device"), e.getCause().toString());
                }
                assertEquals("cannot write " + f + ": no space left on device", vm.errorProperty().get(), name);
                assertArrayEquals(OLD, Files.readAllBytes(f), name + ": the previous file is untouched");
                try (Stream<Path> files = Files.list(dir)) {
                    assertEquals(List.of(f), files.toList(), name + ": no temporary file is left");
                }
            }
        }
    }

    @Test
    void aDeckSavedOntoAFullDiskIsOneLineAndTheDeckKeepsItsFile() throws Exception {
        DeckViewModel deck = new DeckViewModel(vm);
        assertTrue(deck.loadShipped());
        try (FileSystem fs = disk(1024)) {
            Path f = Files.write(Files.createDirectories(fs.getPath("/out")).resolve("lecture.json"), OLD);
            assertFalse(deck.saveAs(f));
            assertEquals("cannot write /out/lecture.json: no space left on device", deck.errorProperty().get());
            assertArrayEquals(OLD, Files.readAllBytes(f));
            assertNull(deck.fileProperty().get(), "not saved: the deck is not that file's");
        }
    }

    @Test
    void aFileOrAFolderInTheWayIsNamed() throws Exception {
        vm.loadDefault();
        try (FileSystem fs = disk(1 << 24)) {
            Path file = Files.write(fs.getPath("/file"), OLD);
            Path folder = Files.createDirectories(fs.getPath("/folder.json"));
            assertFalse(vm.saveAs(file.resolve("mine.json")));
            assertEquals("cannot write /file/mine.json: /file is a file, not a folder", vm.errorProperty().get());
            assertFalse(vm.saveAs(folder));
            assertEquals("cannot write /folder.json: it is a folder", vm.errorProperty().get());
            assertThrows(ExecutionException.class, () -> vm.exportFigure("gradient-norm", file.resolve("g.png"), 1).get());
            assertEquals("cannot write /file/g.png: /file is a file, not a folder", vm.errorProperty().get());
            assertArrayEquals(OLD, Files.readAllBytes(file));
        }
    }
}
