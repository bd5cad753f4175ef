package org.vanish.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.vanish.engine.Analyzer;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;

class GradientNormFigureTest {
    /** Closed forms agree with the engine to rounding; this is far looser than that and far tighter than a pixel. */
    private static final double TOL = 1e-9;

    @Test
    void everyFiniteValueIsAPointAndExactZerosAreNot() throws Exception {
        List<RunResult> runs = FigureFixtures.analyze(FigureFixtures.DEAD_RELU, Quantities.LIVE);
        double[] dead = runs.get(0).series().gradNorm;
        long minusInfinity = Arrays.stream(dead).filter(v -> v == Double.NEGATIVE_INFINITY).count();
        assertTrue(minusInfinity > 0, "the fixture must have exact zeros: " + Arrays.toString(dead));

        XYSeriesCollection data = GradientNormFigure.gradientDataset(runs);
        assertEquals(2, data.getSeriesCount());
        int steps = 6;
        assertEquals(steps + 1 - minusInfinity, data.getSeries(0).getItemCount());
        assertEquals(steps + 1, data.getSeries(1).getItemCount());
        for (int s = 0; s < 2; s++) {
            XYSeries series = data.getSeries(s);
            for (int i = 0; i < series.getItemCount(); i++) {
                assertTrue(Double.isFinite(series.getY(i).doubleValue()));
            }
        }
        assertEquals("rnn relu", data.getSeriesKey(0));
        assertEquals(steps, data.getSeries(0).getX(data.getSeries(0).getItemCount() - 1).intValue());
    }

    @Test
    void aZeroInsideACurveIsOneGapNotAPoint() {
        double inf = Double.NEGATIVE_INFINITY;
        XYSeries s = Plots.series("s");
        Plots.addFinite(s, new double[] {inf, 0, inf, inf, 1, 2, inf}, 0, 1);
        assertEquals(4, s.getItemCount());
        assertEquals(3, Plots.points(s));
        assertNull(s.getY(1));
        assertEquals(2.0, s.getX(1).doubleValue());
    }

    @Test
    void aLongCurveKeepsItsEndsItsExtremesAndItsGapsInFewPoints() {
        int n = 100_001;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.sin(i * 1e-3) * i * 1e-3;
        }
        y[50_000] = Double.NEGATIVE_INFINITY;
        y[77_777] = 1e6;
        XYSeries s = Plots.series("long");
        Plots.addFinite(s, y, 0, 1);
        assertTrue(s.getItemCount() <= 3 * Plots.MAX_POINTS / 2 + 8, s.getItemCount() + " points");
        assertEquals(0.0, s.getX(0).doubleValue());
        assertEquals(n - 1.0, s.getX(s.getItemCount() - 1).doubleValue());
        assertEquals(1e6, s.getMaxY());
        double min = Arrays.stream(y).filter(Double::isFinite).min().orElseThrow();
        assertEquals(min, s.getMinY());
        assertEquals(1, s.getItemCount() - Plots.points(s), "the one exact zero is one gap");
    }

    @Test
    void theLinearCaseLineMeetsALinearRnnAtBothEnds() throws Exception {
        // h_t = 0.5 h_{t-1}: the gradient falls by exactly log10 0.5 per step; ρ = σ_max = 0.5, γ = 1
        String preset = "{\"steps\": 40, \"inputSize\": 1, \"hiddenSize\": 2, \"runs\": [{\"cell\": \"rnn\", "
                + "\"activation\": \"linear\", \"parameters\": {\"W_h\": [[0.5, 0], [0, 0.5]]}}, {\"cell\": \"gru\"}]}";
        List<RunResult> runs = FigureFixtures.analyze(preset, Quantities.LIVE);
        double[] g = runs.get(0).series().gradNorm;
        JFreeChart chart = new GradientNormFigure(GradientNormFigure.Options.ALL).chart(runs);
        XYPlot plot = chart.getXYPlot();
        for (int layer : new int[] {2, 3}) {
            XYSeriesCollection line = (XYSeriesCollection) plot.getDataset(layer);
            assertEquals(1, line.getSeriesCount(), "no theory line for the gru");
            XYSeries s = line.getSeries(0);
            assertEquals(0.0, s.getX(0).doubleValue());
            assertEquals(g[0], s.getY(0).doubleValue(), TOL);
            assertEquals(40.0, s.getX(1).doubleValue());
            assertEquals(g[40], s.getY(1).doubleValue(), TOL);
        }
        // the input sensitivity layer is there, one series per run, t = 1..T
        XYSeriesCollection input = (XYSeriesCollection) plot.getDataset(1);
        assertEquals(2, input.getSeriesCount());
        assertEquals(1.0, input.getSeries(1).getX(0).doubleValue());
    }

    @Test
    void theAdditiveCellsLinesUseItsOwnJacobianIPlusW() throws Exception {
        // J = I + W_h = 1.5 I for a linear additive cell: the gradient grows by log10 1.5 per step
        String preset = "{\"steps\": 20, \"inputSize\": 1, \"hiddenSize\": 2, \"runs\": [{\"cell\": \"additive\", "
                + "\"activation\": \"linear\", \"parameters\": {\"W_h\": [[0.5, 0], [0, 0.5]]}}]}";
        List<RunResult> runs = FigureFixtures.analyze(preset, Quantities.LIVE);
        assertEquals(Math.log10(1.5), GradientNormFigure.linearRate(runs.get(0)), TOL);
        assertEquals(Math.log10(1.5), GradientNormFigure.boundRate(runs.get(0)), TOL);
        double[] g = runs.get(0).series().gradNorm;
        assertEquals(g[20] + 20 * Math.log10(1.5), g[0], TOL);
    }

    @Test
    void theValueAxisFitsTheMeasuredCurvesNotTheTheoryLines() throws Exception {
        List<RunResult> runs = FigureFixtures.analyze(FigureFixtures.FOUR_CELLS, Quantities.LIVE);
        JFreeChart chart = new GradientNormFigure(GradientNormFigure.Options.ALL).chart(runs);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (RunResult r : runs) {
            for (double v : r.series().gradNorm) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        var range = chart.getXYPlot().getRangeAxis().getRange();
        assertTrue(range.getLowerBound() <= lo && range.getUpperBound() >= hi, range + " vs " + lo + ".." + hi);
        assertTrue(range.getLength() < 1.5 * (hi - lo) + Plots.MIN_LOG_SPAN, range.toString());
    }

    @Test
    void theMeanFieldLineFallsByHalfLog10ChiPerStepAndSkipsWhatItCannotPredict() throws Exception {
        // a linear rnn with an orthogonal W_h of gain 0.7: ‖(W_hᵀ)^ℓ v‖ = 0.7^ℓ exactly, and χ = σ_w² = 0.49, so the
        // mean-field line must lie on the measured curve at every t, not only at its anchor t = T
        String preset = "{\"seed\": 4, \"steps\": 30, \"inputSize\": 2, \"hiddenSize\": 8, \"init\": \"orthogonal\","
                + "\"gain\": 0.7, \"runs\": [{\"label\": \"linear\", \"cell\": \"rnn\", \"activation\": \"linear\"},"
                + "{\"label\": \"lstm\", \"cell\": \"lstm\"}, {\"label\": \"eye\", \"init\": \"identity\"}]}";
        List<RunResult> runs = FigureFixtures.analyze(preset, Quantities.GRADIENTS);
        assertEquals(0.5 * Math.log10(0.49), GradientNormFigure.meanFieldRate(runs.get(0)), TOL);
        JFreeChart chart = new GradientNormFigure(GradientNormFigure.Options.PLAIN.withMeanField(true)).chart(runs);
        XYSeriesCollection line = (XYSeriesCollection) chart.getXYPlot().getDataset(4);
        assertEquals(1, line.getSeriesCount(), "one line: the lstm and the identity run are skipped");
        double[] g = runs.get(0).series().gradNorm;
        XYSeries s = line.getSeries(0);
        assertEquals(g[0], s.getY(0).doubleValue(), TOL);
        assertEquals(g[30], s.getY(1).doubleValue(), TOL);
        assertEquals(g[0] - g[30], 30 * Math.log10(0.7), TOL);
        assertEquals("no mean-field line: lstm (lstm cell); eye (identity init)",
                GradientNormFigure.meanFieldSkipped(runs));
    }

    /**
     * A run that reads a text has its words on the time axis of the gradient norm, the heatmap and a stack's heatmap, t
     * under its word x_t; without words, or with words that are not the runs' T, the axis numbers the steps.
     */
    @Test
    void theViewsOverTimeWriteTheWordsOfATextOnTheirAxis() throws Exception {
        Preset p = PresetCodec.read(Path.of("presets", "keys-trained-lstm.json"));
        List<String> words = p.words();
        assertEquals(12, words.size());
        List<RunResult> runs = p.toRunSpecs().stream()
                .map(s -> new Analyzer().analyze(s, new Quantities(true, true, true, true))).toList();
        for (Figure view : List.of(new GradientNormFigure(), new HeatmapFigure())) {
            ValueAxis x = domain(LayeredFigure.of(view, LayerChoice.ALL).chart(runs, words));
            assertTrue(x instanceof SymbolAxis, view.name() + ": " + x);
            SymbolAxis s = (SymbolAxis) x;
            assertEquals("cabinet", s.valueToString(5), view.name());
            assertEquals("are", s.valueToString(12), view.name());
            assertFalse(domain(LayeredFigure.of(view, LayerChoice.ALL).chart(runs)) instanceof SymbolAxis,
                    view.name() + " without words");
            assertFalse(domain(LayeredFigure.of(view, LayerChoice.ALL).chart(runs, words.subList(0, 11)))
                    instanceof SymbolAxis, view.name() + " with words of another length");
        }
        JFreeChart one = LayeredFigure.of(new HeatmapFigure(), LayerChoice.parse("2")).chart(runs, words);
        assertEquals("keys", ((SymbolAxis) domain(one)).valueToString(2), "one layer's heatmap");
    }

    /**
     * Every word of the sentence is drawn at every width: SymbolAxis leaves out a word that would overlap its
     * neighbour upright, so the axis must turn them upwards first. The heatmap's axis runs from -0.5 to T + 0.5, T + 1
     * units for T words, and the check for upright words took T: between about 1 000 and 1 100 pixels the heatmap of
     * keys-trained-lstm kept the words upright and lost one.
     */
    @Test
    void noWordIsLeftOffTheTimeAxisAtAnyWidth() throws Exception {
        // two layers: the stack's heatmap (0.5..T + 0.5); one layer: the per-unit heatmap (-0.5..T + 0.5)
        for (String file : List.of("keys-trained-lstm.json", "keys-to-the-cabinet.json")) {
            everyWordIsDrawn(PresetCodec.read(Path.of("presets", file)));
        }
    }

    private static void everyWordIsDrawn(Preset p) {
        List<String> words = p.words();
        List<RunResult> runs = p.toRunSpecs().stream()
                .map(s -> new Analyzer().analyze(s, new Quantities(true, true, true, true))).toList();
        for (Figure view : List.of(new GradientNormFigure(), new HeatmapFigure())) {
            for (int width = 500; width <= SlideStyle.WIDTH; width += 20) {
                JFreeChart chart = LayeredFigure.of(view, LayerChoice.ALL).chart(runs, words);
                java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(width, SlideStyle.HEIGHT,
                        java.awt.image.BufferedImage.TYPE_INT_RGB);
                TextRecorder g2 = new TextRecorder(img.createGraphics());
                chart.draw(g2, new java.awt.geom.Rectangle2D.Double(0, 0, width, SlideStyle.HEIGHT));
                g2.dispose();
                java.util.Map<String, Long> drawn = new java.util.HashMap<>();
                for (TextRecorder.Text t : g2.texts()) {
                    drawn.merge(t.text(), 1L, Long::sum);
                }
                java.awt.Font font = domain(chart).getTickLabelFont();
                java.awt.font.FontRenderContext frc = img.createGraphics().getFontRenderContext();
                for (String w : new java.util.HashSet<>(words)) {
                    long want = words.stream().filter(w::equals).count();
                    // words written upwards reach the Graphics2D as glyph vectors
                    java.awt.font.GlyphVector gv = font.createGlyphVector(frc, w);
                    String glyphs = "glyphs" + Arrays.toString(gv.getGlyphCodes(0, gv.getNumGlyphs(), null));
                    long got = drawn.getOrDefault(w, 0L) + drawn.getOrDefault(glyphs, 0L);
                    // the legend and subtitle may hold a word too: at least as often as the sentence has it
                    assertTrue(got >= want, p.name() + ", " + view.name() + " at " + width + " pixels: \"" + w + "\" drawn " + got
                            + " times, the sentence has it " + want + " times");
                }
            }
        }
    }

    /** The time axis of a line chart or of the heatmaps' panels (under their colour bar). */
    private static ValueAxis domain(JFreeChart chart) {
        return chart.getPlot() instanceof ColourBarPlot bar ? bar.panels().getDomainAxis()
                : chart.getXYPlot().getDomainAxis();
    }
}
