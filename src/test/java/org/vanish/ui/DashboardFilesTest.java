package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vanish.engine.RunResult;

/** Save, open, export, the Jacobian products that stream in after the cheap views, and their cancel button. */
class DashboardFilesTest {
    private final DashboardViewModel vm = new DashboardViewModel(Runnable::run, Runnable::run);
    private final ControlsViewModel controls = new ControlsViewModel(vm);

    @Test
    void savingThenOpeningGivesTheIdenticalPicture(@TempDir Path dir) {
        vm.loadDefault();
        controls.stepsProperty().set(120);
        controls.biasProperty("b_f").set(2.5);
        vm.setScale(1.3);
        List<RunResult> before = vm.getResults();
        Path file = dir.resolve("mine.json");

        assertTrue(vm.saveAs(file));
        assertFalse(vm.isModified());
        assertEquals("Vanish — " + vm.presetNameProperty().get(), vm.titleProperty().get());
        vm.loadDefault();
        assertTrue(vm.load(file));

        assertEquals(file, vm.fileProperty().get());
        assertEquals(1.3, vm.getScale(), 1e-12);
        assertEquals(120, controls.stepsProperty().get());
        List<RunResult> after = vm.getResults();
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i).series().gradNorm, after.get(i).series().gradNorm);
        }
    }

    @Test
    void theJacobianProductsFollowTheCheapViews() {
        vm.loadDefault();
        List<RunResult> full = vm.getFullResults();
        assertEquals(4, full.size());
        assertEquals(201, full.get(0).products().norm.length);
        assertFalse(vm.computingFullProperty().get());
        assertEquals(1.0, vm.fullProgressProperty().get());
    }

    @Test
    void cancellingStopsTheJacobianProductsAndKeepsTheCheapViews() {
        DashboardViewModel cancelling = new DashboardViewModel(Runnable::run, Runnable::run);
        // cancel from inside the first progress report, as the button would while a long run goes on
        cancelling.fullProgressProperty().addListener((obs, was, now) -> {
            if (now.doubleValue() > 0 && now.doubleValue() < 1) {
                cancelling.cancelFull();
            }
        });
        cancelling.loadDefault();

        assertEquals(4, cancelling.getResults().size());
        assertTrue(cancelling.getFullResults().isEmpty());
        assertFalse(cancelling.computingFullProperty().get());
        assertTrue(cancelling.statusProperty().get().contains("cancelled"), cancelling.statusProperty().get());
    }

    @Test
    void exportWritesANonBlankSlideSizedPng(@TempDir Path dir) throws Exception {
        vm.loadDefault();
        Path png = dir.resolve("grad.png");
        vm.exportFigure("jacobian-product", png, 2).get();
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(3200, img.getWidth());
        assertEquals(1800, img.getHeight());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "a drawn chart, not a blank page: " + colours.size() + " colours");
        assertTrue(vm.statusProperty().get().startsWith("exported"));
        Path svg = dir.resolve("spec.svg");
        vm.exportFigure("spectrum", svg, 0).get();
        assertTrue(Files.readString(svg).contains("<svg"));
    }

    @Test
    void recentFilesAreNewestFirstAndUnique(@TempDir Path dir) throws Exception {
        Preferences node = Preferences.userRoot().node("org/vanish/test-" + UUID.randomUUID());
        try {
            RecentFiles recent = new RecentFiles(node);
            recent.add(dir.resolve("a.json"));
            recent.add(dir.resolve("b.json"));
            recent.add(dir.resolve("a.json"));
            assertEquals(List.of(dir.resolve("a.json"), dir.resolve("b.json")), recent.list());
        } finally {
            node.removeNode();
        }
    }
}
