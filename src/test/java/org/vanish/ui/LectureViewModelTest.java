package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.vanish.figure.Demonstration;
import org.vanish.lecture.Parameter;
import org.vanish.preset.PresetCodec;

class LectureViewModelTest {

    /** A demonstration that records what it was shown with; a click sets x0 to the clicked x. */
    static final class Probe implements Demonstration {
        final List<Demonstration.Input> inputs = new ArrayList<>();
        final List<Map<String, Double>> settings = new ArrayList<>();
        final boolean runs;

        Probe(boolean runs) {
            this.runs = runs;
        }

        @Override public String name() {
            return "probe";
        }

        @Override public String title() {
            return "0 · Probe";
        }

        @Override public String source() {
            return "a test";
        }

        @Override public List<Parameter> parameters() {
            return List.of(Parameter.real("x0", "start x", -5, 5, 1, "where to start"),
                    Parameter.whole("layers", "layers", 1, 8, 3, "how many"));
        }

        @Override public boolean usesRuns() {
            return runs;
        }

        @Override public Shown show(Input input, Map<String, Double> s, BooleanSupplier cancelled) {
            inputs.add(input);
            settings.add(s);
            if (s.get("layers") == 7) {
                throw new IllegalArgumentException("seven layers is unlucky");
            }
            return new Shown(new JFreeChart(new XYPlot()), "x0 = " + s.get("x0"));
        }

        @Override public Map<String, Double> click(double x, double y, Map<String, Double> s) {
            Map<String, Double> next = new java.util.LinkedHashMap<>(s);
            next.put("x0", x);
            return next;
        }
    }

    private final DashboardViewModel dashboard = new DashboardViewModel(Runnable::run, Runnable::run);
    private final LectureViewModel lecture = new LectureViewModel(dashboard, Runnable::run, Runnable::run);

    @Test
    void nothingIsComputedUntilTheLectureIsOnScreenThenTheDefaultsAreShown() {
        Probe probe = new Probe(false);
        lecture.selectedProperty().set(probe);
        dashboard.loadDefault();
        assertTrue(probe.settings.isEmpty());

        lecture.activeProperty().set(true);

        assertEquals(List.of(Map.of("x0", 1.0, "layers", 3.0)), probe.settings);
        assertEquals("x0 = 1.0", lecture.explanationProperty().get());
        assertEquals(List.of(), probe.inputs.get(0).runs(), "a self-contained demonstration gets no runs");
    }

    @Test
    void aSettingGoesIntoThePresetIsUndoneAndSavedAndAClickMovesIt() throws Exception {
        Probe probe = new Probe(false);
        lecture.selectedProperty().set(probe);
        dashboard.loadDefault();
        lecture.activeProperty().set(true);

        lecture.set("x0", 2.5);
        assertEquals(2.5, probe.settings.get(probe.settings.size() - 1).get("x0"));
        assertTrue(dashboard.isModified());
        lecture.click(-4.0, 0.0);
        assertEquals(-4.0, lecture.settingsProperty().get().get("x0"));
        dashboard.viewProperty().set("probe");
        String saved = PresetCodec.write(dashboard.currentPreset());
        assertEquals(-4.0, PresetCodec.parse(saved).demo().get("x0"));
        assertEquals("probe", PresetCodec.parse(saved).view());

        dashboard.undo();
        assertEquals(2.5, lecture.settingsProperty().get().get("x0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lecture.set("layers", 9));
        assertEquals("demo.layers: 9 is out of range; allowed 1 to 8", e.getMessage());
        lecture.click(99, 0);   // outside the range: nothing changes
        assertEquals(2.5, lecture.settingsProperty().get().get("x0"));
    }

    @Test
    void aDemonstrationOfTheRunsFollowsTheDashboardAndAnUnsuitableOneSaysWhy() {
        Probe probe = new Probe(true);
        lecture.selectedProperty().set(probe);
        lecture.activeProperty().set(true);
        dashboard.loadDefault();
        int shown = probe.inputs.size();
        assertEquals(dashboard.getResults(), probe.inputs.get(shown - 1).runs());

        dashboard.setScale(0.5);
        assertEquals(0.5, probe.inputs.get(probe.inputs.size() - 1).runs().get(0).spec().scale());

        lecture.set("layers", 7);
        assertEquals("seven layers is unlucky", lecture.errorProperty().get());
        assertNull(lecture.chartProperty().get(), "no stale picture under an error");
        lecture.set("layers", 2);
        assertEquals("", lecture.errorProperty().get());
    }

    @Test
    void aStaleResultIsDropped() {
        HoldingExecutor compute = new HoldingExecutor();
        LectureViewModel held = new LectureViewModel(dashboard, compute, Runnable::run);
        Probe probe = new Probe(false);
        held.selectedProperty().set(probe);
        dashboard.loadDefault();
        compute.hold();
        held.activeProperty().set(true);
        held.set("x0", 3.0);
        compute.runHeldInReverse();
        assertEquals("x0 = 3.0", held.explanationProperty().get());
        assertEquals(List.of(Map.of("x0", 3.0, "layers", 3.0)), probe.settings,
                "the older request found itself stale before it started");
    }
}
