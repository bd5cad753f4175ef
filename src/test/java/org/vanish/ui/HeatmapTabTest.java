package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vanish.engine.RunResult;
import org.vanish.preset.RunConfig;

/** The heatmap tab's view-model side, and the readout control: no toolkit, executors injected. */
class HeatmapTabTest {
    private static final int DEFAULT_STEPS = 200;
    private static final int DEFAULT_N = 64;

    private final DashboardViewModel direct = new DashboardViewModel(Runnable::run, Runnable::run);

    @Test
    void perUnitGradientsAreComputedOnlyWhileTheHeatmapIsOnScreen() {
        direct.loadDefault();
        assertTrue(direct.getHeatmapResults().isEmpty(), "not computed before the tab is selected");
        assertEquals(List.of("rnn tanh", "additive tanh", "lstm", "gru"), direct.runLabelsProperty().get());
        assertEquals("rnn tanh", direct.heatmapRunProperty().get(), "the first run by default");

        direct.heatmapActiveProperty().set(true);
        List<RunResult> first = direct.getHeatmapResults();
        assertEquals(1, first.size());
        assertEquals("rnn tanh", first.get(0).spec().label());
        assertEquals((DEFAULT_STEPS + 1) * DEFAULT_N, first.get(0).series().unitGrad.length);
        for (RunResult r : direct.getResults()) {
            assertNull(r.series().unitGrad, "the live views do not pay for the per-unit gradients");
        }

        direct.heatmapRunProperty().set("lstm");
        assertEquals("lstm", direct.getHeatmapResults().get(0).spec().label());
        direct.setScale(1.5);
        assertEquals(1.5, direct.getHeatmapResults().get(0).spec().scale(), 1e-12, "follows the slider");

        direct.heatmapActiveProperty().set(false);
        List<RunResult> before = direct.getHeatmapResults();
        direct.setScale(0.5);
        assertSame(before, direct.getHeatmapResults(), "not recomputed while another tab is on screen");
        direct.heatmapActiveProperty().set(true);
        assertEquals(0.5, direct.getHeatmapResults().get(0).spec().scale(), 1e-12, "caught up when selected");
    }

    @Test
    void aNewerChangeSupersedesAHeatmapStillComputing() {
        HoldingExecutor compute = new HoldingExecutor();
        DashboardViewModel vm = new DashboardViewModel(compute, Runnable::run);
        vm.loadDefault();
        vm.heatmapActiveProperty().set(true);
        assertEquals("rnn tanh", vm.getHeatmapResults().get(0).spec().label());
        compute.hold();
        vm.heatmapRunProperty().set("lstm");       // the lstm's heatmap starts ...
        vm.heatmapRunProperty().set("gru");        // ... and is superseded by the next choice
        List<String> published = new ArrayList<>();
        vm.heatmapResultsProperty().addListener((obs, was, now) -> published.add(now.get(0).spec().label()));
        compute.runHeldInOrder();
        assertEquals(List.of("gru"), published, "the lstm's stale heatmap was dropped");

        compute.hold();
        vm.setScale(2.0);
        vm.setScale(0.75);
        compute.runHeldInOrder();
        assertEquals(0.75, vm.getHeatmapResults().get(0).spec().scale(), 1e-12, "the stale scale was dropped");
        assertEquals(0.75, vm.getResults().get(0).spec().scale(), 1e-12);
    }

    @Test
    void aRunThatIsGoneFallsBackToTheFirst(@TempDir Path dir) throws Exception {
        direct.loadDefault();
        direct.heatmapRunProperty().set("gru");
        Path file = dir.resolve("two.json");
        Files.writeString(file, "{\"steps\": 5, \"inputSize\": 2, \"hiddenSize\": 3, \"runs\": ["
                + "{\"label\": \"a\"}, {\"label\": \"b\", \"cell\": \"lstm\"}]}");
        direct.heatmapActiveProperty().set(true);
        assertTrue(direct.load(file));
        assertEquals("a", direct.heatmapRunProperty().get());
        assertEquals("a", direct.getHeatmapResults().get(0).spec().label());
        assertEquals("", direct.getError());
    }

    @Test
    void theHeatmapExportsAndCopiesForTheChosenRun(@TempDir Path dir) throws Exception {
        direct.loadDefault();
        direct.heatmapRunProperty().set("gru");
        Path png = dir.resolve("heatmap.png");
        direct.exportFigure(DashboardViewModel.HEATMAP, png, 1).join();
        assertTrue(Files.size(png) > 1000, "a PNG was written");
        assertEquals("", direct.getError());
        var img = direct.render(DashboardViewModel.HEATMAP, 0.5).join();
        assertEquals(800, img.getWidth());
        direct.heatmapActiveProperty().set(true);
        Path svg = dir.resolve("heatmap.svg");
        direct.exportFigure(DashboardViewModel.HEATMAP, svg, 0).join();
        assertTrue(Files.readString(svg).contains("gru"), "the chosen run's heatmap");
    }

    @Test
    void theReadoutControlSetsEveryRunAndSurvivesAChangeOfN() {
        ControlsViewModel controls = new ControlsViewModel(direct);
        direct.loadDefault();
        assertEquals(ControlsViewModel.SEEDED_READOUT, controls.readoutProperty().get());
        double seeded = direct.getResults().get(0).series().gradNorm[0];

        controls.readoutProperty().set(ControlsViewModel.FIRST_UNIT_READOUT);
        for (RunConfig r : direct.currentPreset().runs()) {
            assertArrayEquals(PresetEdits.firstUnit(DEFAULT_N), r.readout(), r.label());
        }
        assertTrue(direct.getResults().get(0).series().gradNorm[0] != seeded, "the picture follows");

        controls.hiddenSizeProperty().set(32);
        for (RunConfig r : direct.currentPreset().runs()) {
            assertArrayEquals(PresetEdits.firstUnit(32), r.readout(), r.label());
        }
        assertEquals(ControlsViewModel.FIRST_UNIT_READOUT, controls.readoutProperty().get());
        assertEquals("", controls.messageProperty().get());

        controls.readoutProperty().set(ControlsViewModel.SEEDED_READOUT);
        for (RunConfig r : direct.currentPreset().runs()) {
            assertNull(r.readout(), r.label());
        }
        direct.undo();
        assertNotNull(direct.currentPreset().runs().get(0).readout(), "undoable like every control");
        assertEquals(ControlsViewModel.FIRST_UNIT_READOUT, controls.readoutProperty().get());
    }

}
