package org.vanish.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.vanish.engine.Activation;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.lecture.Parameter;
import org.vanish.preset.PresetCodec;
import org.vanish.theory.PhaseDiagram;
import org.vanish.theory.RunMeanField;

/** The phase, lyapunov and pascanu demonstrations: what they draw and write is the theory's numbers. */
class TheoryDemonstrationsTest {
    private static final double TOL = 1e-9;

    /** A tanh rnn (gaussian), a linear rnn with orthogonal W_h of gain 0.7, and an lstm; 40 steps of noise. */
    private static final String MIXED = "{\"seed\": 2, \"steps\": 40, \"inputSize\": 4, \"hiddenSize\": 12, "
            + "\"inputs\": {\"kind\": \"noise\", \"scale\": 0.5}, \"runs\": ["
            + "{\"label\": \"tanh\", \"cell\": \"rnn\", \"activation\": \"tanh\", \"gain\": 1.2},"
            + "{\"label\": \"orth\", \"cell\": \"rnn\", \"activation\": \"linear\", \"init\": \"orthogonal\", \"gain\": 0.7},"
            + "{\"label\": \"lstm\", \"cell\": \"lstm\"}]}";

    @Test
    void theyAreRegisteredInOrderAndEveryShippedPresetOfTheirsDraws() throws Exception {
        List<String> names = Demonstrations.names();
        int phase = names.indexOf("phase");
        assertTrue(phase >= 0 && names.indexOf("lyapunov") == phase + 1 && names.indexOf("pascanu") == phase + 2,
                names.toString());
        for (String file : List.of("phase-diagram", "lyapunov-spectrum", "pascanu-conditions")) {
            var p = PresetCodec.read(Path.of("presets", file + ".json"));
            Demonstration d = Demonstrations.byName(p.view()).orElseThrow();
            assertTrue(p.description().contains(d.name().equals("pascanu") ? "Pascanu" : d.name().equals("phase")
                    ? "Poole" : "Engelken"), file);
            Map<String, Double> settings = Parameter.settings(d.parameters(), p.demo());
            assertTrue(settings.keySet().containsAll(p.demo().keySet()), file + ": unknown demo keys " + p.demo());
        }
    }

    @Test
    void thePhaseDiagramMarksEachRunWhereTheTheoryPutsItAndDrawsTheEdgeAtChiOne() throws Exception {
        List<RunResult> runs = FigureFixtures.analyze(MIXED, Quantities.GRADIENTS);
        PhaseDiagramDemonstration d = new PhaseDiagramDemonstration();
        Map<String, Double> settings = Parameter.settings(d.parameters(), Map.of());
        Demonstration.Shown shown = d.show(new Demonstration.Input(runs, List.of()), settings, () -> false);
        XYPlot plot = shown.chart().getXYPlot();
        XYSeriesCollection marks = (XYSeriesCollection) plot.getDataset(0);
        assertEquals(1, marks.getSeriesCount(), "only the tanh run is on the tanh diagram");
        RunMeanField mf = RunMeanField.of(runs.get(0));
        assertEquals(1.2, marks.getSeries(0).getX(0).doubleValue(), TOL);
        assertEquals(Math.sqrt(mf.inputVariance()), marks.getSeries(0).getY(0).doubleValue(), TOL);
        XYSeries edge = ((XYSeriesCollection) plot.getDataset(1)).getSeries(0);
        assertEquals(PhaseDiagramDemonstration.ROWS, edge.getItemCount());
        for (int i = 0; i < edge.getItemCount(); i++) {
            assertEquals(1.0, PhaseDiagram.chi(Activation.TANH, edge.getX(i).doubleValue(), edge.getY(i).doubleValue()),
                    1e-9);
        }
        String text = shown.explanation();
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "predicted ½ log10 χ = %+.4f",
                mf.result().log10SlopePerStep())), text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "measured %+.4f",
                RunMeanField.measuredSlopePerStep(runs.get(0).series().gradNorm))), text);
        // the orthogonal linear run: χ = 0.49 exactly, and its measured decay is exactly log10 0.7 per step
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "predicted ½ log10 χ = %+.4f per step back, "
                + "measured %+.4f", Math.log10(0.7), Math.log10(0.7))), text);
        assertTrue(text.contains("No prediction: lstm (lstm cell"), text);
        assertTrue(text.strip().endsWith(d.source() + "."), text);
    }

    /**
     * The phase diagram's colour bar reads as the heatmaps' and the unrolled view's: its label on its right, beyond its
     * numbers. It had its label between the plot and the bar, the bar some 100 pixels off the plot (seen full screen
     * at 1280x720).
     */
    @Test
    void thePhaseDiagramsColourBarHasItsLabelOnItsRight() throws Exception {
        List<RunResult> runs = FigureFixtures.analyze(MIXED, Quantities.GRADIENTS);
        PhaseDiagramDemonstration d = new PhaseDiagramDemonstration();
        Demonstration.Shown shown = d.show(new Demonstration.Input(runs, List.of()),
                Parameter.settings(d.parameters(), Map.of()), () -> false);
        TextRecorder g2 = new TextRecorder(new java.awt.image.BufferedImage(SlideStyle.WIDTH, SlideStyle.HEIGHT,
                java.awt.image.BufferedImage.TYPE_INT_RGB).createGraphics());
        org.jfree.chart.ChartRenderingInfo info = new org.jfree.chart.ChartRenderingInfo();
        shown.chart().draw(g2, new java.awt.geom.Rectangle2D.Double(0, 0, SlideStyle.WIDTH, SlideStyle.HEIGHT), info);
        double plotRight = info.getPlotInfo().getDataArea().getMaxX();
        double ticksRight = g2.texts().stream().filter(t -> t.box().getMinX() > plotRight
                && t.text().matches("-?\\d+\\.\\d+")).mapToDouble(t -> t.box().getMaxX()).max().orElseThrow();
        TextRecorder.Text label = g2.texts().stream().filter(t -> t.box().getMinX() > plotRight
                && !t.text().matches("-?\\d+\\.\\d+")).findFirst().orElseThrow();
        assertTrue(label.box().getMinX() > ticksRight, "the bar's label " + label + " left of its numbers, which end at "
                + ticksRight);
    }

    @Test
    void thePhaseDiagramRefusesAnEmptyGainRangeByName() {
        PhaseDiagramDemonstration d = new PhaseDiagramDemonstration();
        Map<String, Double> settings = Parameter.settings(d.parameters(), Map.of("wMin", 3.0, "wMax", 2.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.show(Demonstration.Input.none(), settings, () -> false));
        assertTrue(e.getMessage().startsWith("demo.wMin: 3 must be below demo.wMax = 2"), e.getMessage());
    }

    @Test
    void theLyapunovSpectrumOfAScaledOrthogonalLinearRunIsFlatAtLnG() throws Exception {
        List<RunResult> runs = FigureFixtures.analyze(MIXED, Quantities.GRADIENTS);
        LyapunovDemonstration d = new LyapunovDemonstration();
        Map<String, Double> settings = Parameter.settings(d.parameters(), Map.of("washout", 10.0));
        Demonstration.Shown shown = d.show(new Demonstration.Input(runs, List.of()), settings, () -> false);
        XYPlot plot = shown.chart().getXYPlot();
        XYSeriesCollection spectra = (XYSeriesCollection) plot.getDataset(0);
        assertEquals(3, spectra.getSeriesCount());
        XYSeries orth = spectra.getSeries(1);
        assertEquals(12, orth.getItemCount(), "k = 0 means all exponents of a state of 12");
        for (int i = 0; i < 12; i++) {
            assertEquals(Math.log(0.7), orth.getY(i).doubleValue(), 1e-10);
        }
        assertEquals(24, spectra.getSeries(2).getItemCount(), "the lstm's state is [h; c], 24");
        // the mean-field lines: the two rnn runs, ½ ln χ = ln 0.7 for the orthogonal linear one
        XYSeriesCollection theory = (XYSeriesCollection) plot.getDataset(1);
        assertEquals(2, theory.getSeriesCount());
        assertEquals(Math.log(0.7), theory.getSeries(1).getY(0).doubleValue(), TOL);
        assertTrue(shown.explanation().contains("orth: λ_max = -0.3567"), shown.explanation());
        // the legend tells the spectra (points on lines) from the λ = 0 line of the same stroke: on a slide both
        // entries were the same grey line
        java.util.Map<String, org.jfree.chart.LegendItem> entries = new java.util.HashMap<>();
        for (Object t : shown.chart().getSubtitles()) {
            if (t instanceof org.jfree.chart.title.LegendTitle l) {
                for (var source : l.getSources()) {
                    for (var it = source.getLegendItems().iterator(); it.hasNext();) {
                        org.jfree.chart.LegendItem item = (org.jfree.chart.LegendItem) it.next();
                        entries.put(item.getLabel(), item);
                    }
                }
            }
        }
        assertTrue(entries.get("λᵢ from the trajectory").isShapeVisible(), entries.keySet().toString());
        assertTrue(!entries.get("λ = 0: growth and decay balance").isShapeVisible());
    }

    @Test
    void theLyapunovDemonstrationCapsKAndRefusesWhatItCannotDoLive() throws Exception {
        assertEquals(64, LyapunovDemonstration.exponents(0, 64));
        assertEquals(128, LyapunovDemonstration.exponents(0, 128));
        assertEquals(32, LyapunovDemonstration.exponents(0, 256));
        assertEquals(12, LyapunovDemonstration.exponents(100, 12));
        List<RunResult> runs = FigureFixtures.analyze(MIXED, Quantities.GRADIENTS);
        LyapunovDemonstration d = new LyapunovDemonstration();
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class, () -> d.show(
                new Demonstration.Input(runs, List.of()), Parameter.settings(d.parameters(), Map.of("washout", 40.0)),
                () -> false));
        assertTrue(late.getMessage().startsWith("demo.washout: 40 steps"), late.getMessage());
        List<RunResult> big = FigureFixtures.analyze("{\"steps\": 2000, \"inputSize\": 1, \"hiddenSize\": 160, "
                + "\"cell\": \"lstm\"}", Quantities.GRADIENTS);
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class, () -> d.show(
                new Demonstration.Input(big, List.of()), Parameter.settings(d.parameters(), Map.of("k", 320.0)),
                () -> false));
        assertTrue(tooBig.getMessage().startsWith("demo.k: ") && tooBig.getMessage().endsWith("lower k, T or n"),
                tooBig.getMessage());
    }

    @Test
    void pascanuDrawsTheSingularValuesAndSaysWhichConditionHolds() throws Exception {
        // W_h = diag(0.5, 0.3) for tanh: σ_max = 0.5 < 1; W_h = diag(3, 1e-3) for sigmoid: σ_max = 3 < 4, span 3000
        String preset = "{\"steps\": 10, \"inputSize\": 1, \"hiddenSize\": 2, \"runs\": ["
                + "{\"label\": \"small\", \"activation\": \"tanh\", \"parameters\": {\"W_h\": [[0.5, 0], [0, 0.3]]}},"
                + "{\"label\": \"big\", \"activation\": \"tanh\", \"parameters\": {\"W_h\": [[3, 0], [0, 0.001]]}},"
                + "{\"label\": \"gru\", \"cell\": \"gru\"}]}";
        List<RunResult> runs = FigureFixtures.analyze(preset, Quantities.LIVE);
        PascanuDemonstration d = new PascanuDemonstration();
        Demonstration.Shown shown = d.show(new Demonstration.Input(runs, List.of()), Map.of(), () -> false);
        String text = shown.explanation();
        assertTrue(text.contains("small: sufficient for vanishing holds: σ_max = 0.5 < 1/γ = 1"), text);
        assertTrue(text.contains("big: necessary for exploding holds: σ_max = 3 > 1/γ = 1 (necessary, not sufficient"),
                text);
        // the skipped run by its label, its cell named only where the label does not (the shipped preset's "lstm (lstm)")
        assertTrue(text.contains("Skipped, the conditions are for the vanilla rnn: gru.\n"), text);
        XYPlot plot = shown.chart().getXYPlot();
        XYSeriesCollection values = (XYSeriesCollection) plot.getDataset();
        assertEquals(2, values.getSeriesCount());
        // 3 / 0.001 spans more than two decades: the axis shows log10 σ_i
        assertEquals(Math.log10(3), values.getSeries(1).getY(0).doubleValue(), TOL);
        assertEquals(-3, values.getSeries(1).getY(1).doubleValue(), TOL);
        assertEquals(0.0, ((org.jfree.chart.plot.ValueMarker) plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND)
                .iterator().next()).getValue(), TOL, "the line 1/γ = 1 at log10 1 = 0");
    }

    @Test
    void theDivergingMapIsWhiteOnTheEdgeAndTheGridSitsOnTheParameterAxes() {
        // two slopes: −1.7 and +0.2 are the two ends, 0 the white middle, whatever the asymmetry
        ColourMap map = ColourMap.diverging(-1.7, 0, 0.2);
        for (double v : new double[] {-1e-9, 1e-9}) {
            int c = map.rgb(v);
            assertTrue((c >> 16 & 0xFF) > 230 && (c >> 8 & 0xFF) > 230 && (c & 0xFF) > 230, Integer.toHexString(c));
        }
        int low = map.rgb(-1.7);
        int high = map.rgb(0.2);
        assertTrue((low & 0xFF) > (low >> 16 & 0xFF), "blue below: " + Integer.toHexString(low));
        assertTrue((high >> 16 & 0xFF) > (high & 0xFF), "red above: " + Integer.toHexString(high));
        // each half stretched on its own: halfway down and halfway up are the colours of ∓0.5 on a symmetric map
        ColourMap symmetric = ColourMap.diverging(-1, 0, 1);
        assertEquals(symmetric.rgb(-0.5 + 1e-6), map.rgb(-0.85 + 1e-6));
        assertEquals(symmetric.rgb(0.5 + 1e-6), map.rgb(0.1 + 1e-6));
        // column c at x = 0.25 + 0.5c, row r at y = 0.1r: the image covers half a cell beyond the centres
        CellGrid g = new CellGrid(new float[6], 3, 2, 0.25, 0.5, 0, 0.1, map, CellGrid.Reduce.MEAN);
        assertEquals(new java.awt.geom.Rectangle2D.Double(0, -0.05, 1.5, 0.2), g.bounds());
    }
}
