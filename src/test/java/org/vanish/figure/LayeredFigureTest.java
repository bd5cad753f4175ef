package org.vanish.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.report.ReportWriter;

/**
 * The views of a two-layer bidirectional run draw the engine's per-layer numbers, as the report writes them: every
 * curve of every layer and direction, the (layer, t) heatmap, one layer's Jacobian products and spectrum.
 */
class LayeredFigureTest {
    /** A 2-layer bidirectional lstm (seeded) beside a one-layer rnn. */
    static final String STACKED = "{\"seed\": 3, \"steps\": 9, \"inputSize\": 3, \"hiddenSize\": 4, \"runs\": ["
            + "{\"label\": \"lstm\", \"cell\": \"lstm\", \"layers\": 2, \"bidirectional\": true},"
            + "{\"label\": \"rnn\", \"cell\": \"rnn\"}]}";
    private static final int T = 9;
    /** The report writes doubles in full; the figures hold them as given. */
    private static final double EXACT = 0.0;

    private static JsonNode report(List<RunResult> runs) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportWriter.write(runs, out);
        return new ObjectMapper().readTree(out.toByteArray()).get("runs");
    }

    /** The y of series s at x, or NaN if it has no point there. */
    private static double yAt(XYDataset d, int s, double x) {
        for (int i = 0; i < d.getItemCount(s); i++) {
            if (d.getXValue(s, i) == x) {
                return d.getYValue(s, i);
            }
        }
        return Double.NaN;
    }

    @Test
    void allLayersDrawEveryLayerAndDirectionWithTheReportsValues() throws Exception {
        List<RunResult> runs = FigureFixtures.analyze(STACKED, Quantities.FULL);
        JsonNode layerSeries = report(runs).get(0).get("layerSeries");
        JFreeChart chart = LayeredFigure.of(new GradientNormFigure(), LayerChoice.ALL).chart(runs);
        XYDataset d = ((XYPlot) chart.getPlot()).getDataset(0);
        assertEquals(5, d.getSeriesCount(), "4 layers and directions of the lstm, then the rnn");
        String[] keys = {"lstm · layer 1 forward", "lstm · layer 1 backward", "lstm · layer 2 forward",
            "lstm · layer 2 backward", "rnn"};
        for (int s = 0; s < 5; s++) {
            assertEquals(keys[s], d.getSeriesKey(s));
        }
        for (int s = 0; s < 4; s++) {
            JsonNode e = layerSeries.get(s);
            boolean backward = e.get("direction").asText().equals("backward");
            JsonNode values = e.get("log10GradNorm");
            assertEquals(T + 1, values.size());
            assertEquals(T + 1, d.getItemCount(s));
            for (int k = 0; k <= T; k++) {
                // the backward direction's state k (after reading x_{T+1-k}) is drawn at T - k
                double x = backward ? T - k : k;
                assertEquals(values.get(k).asDouble(), yAt(d, s, x), EXACT, keys[s] + " k = " + k);
            }
        }
        assertEquals(runs.get(1).series().gradNorm[3], yAt(d, 4, 3), EXACT, "a one-layer run as it always was");
        boolean noted = chart.getSubtitles().stream().anyMatch(t -> t instanceof org.jfree.chart.title.LegendTitle l
                && java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(
                        l.getSources()[0].getLegendItems().iterator(), 0), false)
                .anyMatch(i -> ((org.jfree.chart.LegendItem) i).getLabel().equals(GradientNormFigure.BACKWARD_NOTE)));
        assertTrue(noted, "the legend says where the backward states are drawn");
        List<String> entries = new java.util.ArrayList<>();
        org.jfree.chart.LegendItemCollection items = ((XYPlot) chart.getPlot()).getFixedLegendItems();
        for (int i = 0; i < items.getItemCount(); i++) {
            entries.add(items.get(i).getLabel());
        }
        assertEquals(List.of("lstm · layer 1", "lstm · layer 2", "rnn"), entries,
                "one entry names a layer's two directions (backward dashed)");
        org.jfree.chart.LegendItemCollection spectrum = LayeredFigure.of(new SpectrumFigure(), LayerChoice.ALL)
                .chart(runs).getPlot().getLegendItems();
        List<String> spectra = new java.util.ArrayList<>();
        for (int i = 0; i < spectrum.getItemCount(); i++) {
            spectra.add(spectrum.get(i).getLabel());
        }
        assertTrue(spectra.get(0).startsWith("lstm · layer 1 (") && spectra.get(1).startsWith("lstm · layer 2 (")
                && spectra.get(2).equals("rnn (W_h)") && spectra.contains(SpectrumFigure.BACKWARD_NOTE), spectra::toString);
    }

    @Test
    void oneLayerDrawsThatLayersProductsAndSpectrum() throws Exception {
        List<RunResult> runs = FigureFixtures.analyze(STACKED, Quantities.FULL);
        JsonNode lstm = report(runs).get(0);
        LayerChoice second = new LayerChoice(2, true);
        XYDataset products = ((XYPlot) LayeredFigure.of(new JacobianProductFigure(), second).chart(runs).getPlot())
                .getDataset();
        assertEquals(1, products.getSeriesCount(), "the rnn has no layer 2");
        assertEquals("lstm · layer 2 backward", products.getSeriesKey(0));
        JsonNode norms = lstm.get("layerSeries").get(3).get("log10JacobianProductNorm");
        for (int l = 0; l <= T; l++) {
            // ℓ = T − k steps back along the backward direction's own recurrence
            assertEquals(norms.get(T - l).asDouble(), yAt(products, 0, l), EXACT, "ℓ = " + l);
        }
        List<SpectrumFigure.Group> groups = SpectrumFigure.groups(LayerViews.select(runs, second));
        assertEquals(1, groups.size());
        JsonNode eig = lstm.get("layerSpectra").get(3).get("eigenvalues").get(groups.get(0).matrix());
        double[][] shown = groups.get(0).spectrum().eigenvalues;
        assertEquals(eig.size(), shown.length);
        for (int i = 0; i < shown.length; i++) {
            assertEquals(eig.get(i).get(0).asDouble(), shown[i][0], EXACT);
            assertEquals(eig.get(i).get(1).asDouble(), shown[i][1], EXACT);
        }
        JsonNode firstLayer = lstm.get("layerSpectra").get(0).get("eigenvalues").get(groups.get(0).matrix());
        assertFalse(firstLayer.get(0).get(0).asDouble() == shown[0][0], "layer 2 backward is not layer 1's matrix");
    }

    @Test
    void theHeatmapOfAStackIsTheConcatenatedStatesGradientOverLayerAndPosition() throws Exception {
        List<RunResult> runs = FigureFixtures.analyze(STACKED, Quantities.FULL);
        JsonNode ls = report(runs).get(0).get("layerSeries");
        float[] cells = LayerHeatmapFigure.values(runs.get(0));
        assertEquals(T * 2, cells.length);
        for (int l = 0; l < 2; l++) {
            for (int t = 1; t <= T; t++) {
                double f = ls.get(2 * l).get("log10GradNorm").get(t).asDouble();
                double b = ls.get(2 * l + 1).get("log10GradNorm").get(T + 1 - t).asDouble();
                double both = 0.5 * Math.log10(Math.pow(10, 2 * f) + Math.pow(10, 2 * b));
                assertEquals(both, cells[(t - 1) * 2 + l], 1e-5, "layer " + (l + 1) + ", t = " + t);
            }
        }
        JFreeChart all = LayeredFigure.of(new HeatmapFigure("lstm"), LayerChoice.ALL).chart(runs);
        assertTrue(all.getTitle().getText().startsWith("lstm: gradient by layer and position"),
                all.getTitle().getText());
        JFreeChart one = LayeredFigure.of(new HeatmapFigure("lstm"), new LayerChoice(1, true)).chart(runs);
        assertTrue(one.getTitle().getText().startsWith("lstm · layer 1 backward: gradient per hidden unit"),
                one.getTitle().getText());
        JFreeChart rnn = LayeredFigure.of(new HeatmapFigure("rnn"), LayerChoice.ALL).chart(runs);
        assertTrue(rnn.getTitle().getText().startsWith("rnn: gradient per hidden unit"), "a one-layer run as before");
    }

    @Test
    void theTheoryLinesOfABackwardDirectionStartFromItsLastState() throws Exception {
        List<RunResult> runs = FigureFixtures.analyze(STACKED.replace("\"cell\": \"lstm\"", "\"cell\": \"rnn\""),
                Quantities.LIVE);
        JsonNode backward = report(runs).get(0).get("layerSeries").get(1);
        XYPlot plot = (XYPlot) LayeredFigure.of(new GradientNormFigure(new GradientNormFigure.Options(false, true,
                false)), new LayerChoice(1, true)).chart(runs).getPlot();
        XYDataset line = plot.getDataset(2);
        assertEquals(1, line.getSeriesCount());
        double last = backward.get("log10GradNorm").get(T).asDouble();
        assertEquals(last, yAt(line, 0, 0), EXACT, "anchored at its state after reading x_1, drawn at 0");
        double rate = GradientNormFigure.linearRate(LayerViews.select(runs, new LayerChoice(1, true)).get(0));
        assertEquals(last + T * rate, yAt(line, 0, T), 1e-12);
    }

    @Test
    void runsWithoutLayersAreDrawnAsTheyAlwaysWere() throws Exception {
        List<RunResult> runs = FigureFixtures.analyze(FigureFixtures.FOUR_CELLS, Quantities.LIVE);
        assertSame(runs, LayerViews.select(runs, LayerChoice.ALL));
        assertEquals(List.of(LayerChoice.ALL), LayerChoice.choices(runs));
    }

    @Test
    void theSubtitleNamesTheArchitectureAndNeverAGainOfExplicitWeights() throws Exception {
        List<RunResult> stacked = FigureFixtures.analyze(STACKED.replace("{\"label\": \"rnn\", \"cell\": \"rnn\"}",
                "{\"label\": \"lstm 2\", \"cell\": \"lstm\", \"layers\": 2, \"bidirectional\": true}"), Quantities.LIVE);
        assertTrue(Plots.subtitle(stacked).contains("2 layers, bidirectional"), Plots.subtitle(stacked));
        String given = "{\"steps\": 4, \"inputSize\": 1, \"hiddenSize\": 1, \"gain\": 2, \"runs\": [{\"parameters\":"
                + " {\"W_h\": [[0.5]], \"W_x\": [[1]], \"b\": [0]}}]}";
        String text = Plots.subtitle(FigureFixtures.analyze(given, Quantities.LIVE));
        assertTrue(text.contains("explicit weights"), text);
        assertFalse(text.contains("gain"), text);
        String partly = given.replace(", \"b\": [0]", "");
        assertTrue(Plots.subtitle(FigureFixtures.analyze(partly, Quantities.LIVE)).contains("gain 2"),
                "a drawn bias: the init still draws");
    }

    @Test
    void choicesParseAsTheCommandLineWritesThem() {
        assertEquals(LayerChoice.ALL, LayerChoice.parse("all"));
        assertEquals(new LayerChoice(2, true), LayerChoice.parse("2-backward"));
        assertEquals(new LayerChoice(3, false), LayerChoice.parse("3"));
        assertEquals("2-backward", new LayerChoice(2, true).id(true));
        assertThrows(IllegalArgumentException.class, () -> LayerChoice.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> LayerChoice.parse("2-sideways"));
        assertEquals(List.of(LayerChoice.ALL, new LayerChoice(1, false), new LayerChoice(1, true),
                new LayerChoice(2, false), new LayerChoice(2, true)), LayerChoice.choices(2, true));
    }
}
