package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vanish.engine.CellType;
import org.vanish.engine.RunResult;

class DashboardViewModelTest {
    /** The default preset: rnn tanh, additive tanh, lstm, gru over T = 200 steps. */
    private static final int DEFAULT_RUNS = 4;
    private static final int DEFAULT_STEPS = 200;
    /** Below this log10 ‖∂L/∂s_0‖ the gradient has vanished for any practical purpose. */
    private static final double VANISHED = -10.0;

    private final DashboardViewModel direct = new DashboardViewModel(Runnable::run, Runnable::run);

    @Test
    void theDefaultPresetGivesOneCurveOfTPlusOnePointsPerRun() {
        assertTrue(direct.loadDefault());

        List<RunResult> results = direct.getResults();
        assertEquals(DEFAULT_RUNS, results.size());
        for (RunResult r : results) {
            assertEquals(DEFAULT_STEPS + 1, r.series().gradNorm.length, r.spec().label());
        }
        assertEquals(DEFAULT_RUNS, direct.curvesProperty().get().size());
        assertEquals(DEFAULT_STEPS + 1, direct.curvesProperty().get().get(0).size());
        assertEquals(DEFAULT_RUNS, direct.summariesProperty().get().size());
        assertEquals("", direct.getError());
        assertEquals(1.0, direct.getScale());
    }

    @Test
    void raisingTheScaleRaisesTheRnnGradientFromVanishedToExploding() {
        direct.loadDefault();
        direct.setScale(0.5);
        double low = rnnGradientAtZero(direct);
        direct.setScale(1.5);
        double higher = rnnGradientAtZero(direct);
        // the default's input noise saturates tanh, so the rnn explodes only well above 1 (near 1.9)
        direct.setScale(DashboardViewModel.MAX_SCALE);
        double highest = rnnGradientAtZero(direct);

        assertTrue(low < VANISHED, "vanished at 0.5: " + low);
        assertTrue(higher > low + 1.0, "raised at 1.5: " + higher + " vs " + low);
        assertTrue(highest > 0.0, "exploding at 3: " + highest);
        RunSummary rnn = direct.summariesProperty().get().get(0);
        assertEquals("W_h", rnn.matrix());
        assertEquals(highest, rnn.logGradientAtZero());
    }

    @Test
    void undoChangesValuesNotTheViewOnScreen() {
        direct.loadDefault();
        direct.viewProperty().set("spectrum");
        direct.setScale(1.3);
        direct.viewProperty().set("heatmap");

        assertTrue(direct.undo());

        assertEquals(1.0, direct.getScale());
        assertEquals("heatmap", direct.viewProperty().get());
        assertEquals("heatmap", direct.currentPreset().view());
        assertTrue(direct.redo());
        assertEquals(1.3, direct.getScale());
        assertEquals("heatmap", direct.viewProperty().get());
    }

    @Test
    void undoingADemonstrationSettingDoesNotAnalyseTheRunsAgain() {
        direct.loadDefault();
        AtomicInteger published = new AtomicInteger();
        direct.resultsProperty().addListener((obs, was, now) -> published.incrementAndGet());
        direct.editDemo(java.util.Map.of("layers", 5.0), "demo:layers");

        assertTrue(direct.undo());

        assertEquals(java.util.Map.of(), direct.currentPreset().demo());
        assertEquals(0, published.get());
        assertTrue(direct.redo());
        assertEquals(5.0, direct.currentPreset().demo().get("layers"));
        assertEquals(0, published.get());
    }

    @Test
    void aNewerScaleWaitsForTheAnalysisInFlightAndIsShownLast() {
        HoldingExecutor compute = new HoldingExecutor();
        DashboardViewModel vm = new DashboardViewModel(compute, Runnable::run);
        vm.loadDefault();
        List<Double> published = new java.util.ArrayList<>();
        vm.resultsProperty().addListener((obs, was, now) -> published.add(now.get(0).spec().scale()));

        compute.hold();
        vm.setScale(0.5);
        vm.setScale(1.5);
        compute.runHeldInReverse();   // 0.5 was in flight; 1.5 waited for it and starts after

        // the newer value is shown last; the one in flight before it, if it finished rather than being stopped
        assertEquals(1.5, published.get(published.size() - 1));
        assertTrue(published.equals(List.of(1.5)) || published.equals(List.of(0.5, 1.5)), published.toString());
        assertEquals(1.5, vm.getResults().get(0).spec().scale());
        direct.loadDefault();
        direct.setScale(1.5);
        assertEquals(rnnGradientAtZero(direct), rnnGradientAtZero(vm));
    }

    @Test
    void aBadPresetFileNamesTheFieldAndKeepsThePicture(@TempDir Path dir) throws IOException {
        direct.loadDefault();
        List<RunResult> before = direct.getResults();
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{ \"format\": \"vanish-preset/1\", \"hiddenSize\": -3 }");

        assertFalse(direct.load(bad));

        assertTrue(direct.getError().contains("hiddenSize"), direct.getError());
        assertSame(before, direct.getResults());
        assertEquals(DEFAULT_STEPS, direct.getPreset().steps());
    }

    @Test
    void anAnalysisThatFailsIsReportedAndKeepsThePicture(@TempDir Path dir) throws IOException {
        direct.loadDefault();
        List<RunResult> before = direct.getResults();
        Path file = dir.resolve("blowup.json");
        // a relu state grows like 3^t here and leaves the double range long before t = 2000
        Files.writeString(file, "{ \"activation\": \"relu\", \"steps\": 2000, \"hiddenSize\": 8, \"scale\": 3 }");

        direct.load(file);

        assertTrue(direct.getError().startsWith("analysis failed"), direct.getError());
        assertSame(before, direct.getResults());
    }

    @Test
    void aMissingFileIsReportedAndAGoodOneClearsTheError(@TempDir Path dir) throws IOException {
        direct.loadDefault();
        assertFalse(direct.load(dir.resolve("nowhere.json")));
        assertTrue(direct.getError().contains("no such file"), direct.getError());

        Path good = dir.resolve("good.json");
        Files.writeString(good, "{ \"name\": \"small\", \"steps\": 10, \"hiddenSize\": 4, \"scale\": 0.8 }");
        assertTrue(direct.load(good));

        assertEquals("", direct.getError());
        assertEquals("small", direct.presetNameProperty().get());
        assertEquals(0.8, direct.getScale());
        assertEquals(10, direct.stepsProperty().get());
        assertEquals(11, direct.getResults().get(0).series().gradNorm.length);
    }

    @Test
    void runsWithTheirOwnScalesKeepTheirRatioToTheFirst(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ratio.json");
        Files.writeString(file, "{ \"steps\": 5, \"hiddenSize\": 3, \"runs\": [ { \"scale\": 0.5 },"
                + " { \"cell\": \"gru\", \"scale\": 1.0 } ] }");
        assertTrue(direct.load(file));
        assertEquals(0.5, direct.getScale());
        assertEquals(1.0, direct.getResults().get(1).spec().scale());

        direct.setScale(1.0);

        assertEquals(2.0, direct.getResults().get(1).spec().scale());
    }

    @Test
    void openingAndSavingWithoutMovingTheSliderKeepsEveryRunsOwnScale(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("scales.json");
        Files.writeString(file, "{\"steps\": 4, \"inputSize\": 1, \"hiddenSize\": 2, \"runs\": ["
                + "{\"label\": \"a\", \"scale\": 5}, {\"label\": \"b\", \"scale\": 1}]}");
        assertTrue(direct.load(file));
        assertTrue(direct.errorProperty().get().contains("beyond the slider"), direct.errorProperty().get());
        assertEquals(5.0, direct.currentPreset().runs().get(0).scale());
        assertEquals(1.0, direct.currentPreset().runs().get(1).scale());
        Files.writeString(file, "{\"steps\": 4, \"inputSize\": 1, \"hiddenSize\": 2, \"runs\": ["
                + "{\"label\": \"a\", \"scale\": 0}, {\"label\": \"b\", \"scale\": 1}]}");
        assertTrue(direct.load(file));
        direct.scaleProperty().set(0.5);
        assertEquals(0.5, direct.currentPreset().runs().get(0).scale());
        assertEquals(1.0, direct.currentPreset().runs().get(1).scale(), "no ratio to a zero scale: b keeps its own");
    }

    @Test
    void typedScalesAreParsedWithinTheSliderRange() {
        assertEquals(1.25, DashboardViewModel.parseScale(" 1,25 "));
        assertThrows(NumberFormatException.class, () -> DashboardViewModel.parseScale("4"));
        assertThrows(NumberFormatException.class, () -> DashboardViewModel.parseScale("NaN"));
        assertThrows(NumberFormatException.class, () -> DashboardViewModel.parseScale("fast"));
        assertEquals("1.50", DashboardViewModel.formatScale(1.5));
    }

    @Test
    void theTimeAxisGetsAboutEightRoundTicks() {
        assertEquals(25.0, DashboardViewModel.timeTickUnit(200));
        assertEquals(2.0, DashboardViewModel.timeTickUnit(10));
        assertEquals(1.0, DashboardViewModel.timeTickUnit(1));
        assertEquals(20_000.0, DashboardViewModel.timeTickUnit(100_000));
    }

    private static double rnnGradientAtZero(DashboardViewModel vm) {
        RunResult rnn = vm.getResults().get(0);
        assertEquals(CellType.RNN, rnn.spec().cell());
        return rnn.series().gradNorm[0];
    }
}
