package org.vanish.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.vanish.engine.Analyzer;
import org.vanish.engine.CellType;
import org.vanish.engine.Inputs;
import org.vanish.engine.RunResult;
import org.vanish.lecture.GatePaths;
import org.vanish.lecture.Parameter;
import org.vanish.lecture.UnrolledChain;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;

/** The four demonstrations that read runs: unrolled, eigenbasis, words, gates. */
class LectureDemonstrationsTest {
    private static final List<String> OURS = List.of("unrolled", "eigenbasis", "words", "gates");

    private static Preset preset(String file) throws Exception {
        return PresetCodec.read(Path.of("presets", file));
    }

    private static List<RunResult> analyze(Preset p, Demonstration d) {
        Analyzer a = new Analyzer();
        return p.toRunSpecs().stream().map(s -> a.analyze(s, d.needs())).toList();
    }

    private static Demonstration.Shown show(Demonstration d, Preset p, Map<String, Double> extra) {
        Map<String, Double> given = new java.util.LinkedHashMap<>(p.demo());
        given.putAll(extra);
        return d.show(new Demonstration.Input(analyze(p, d), p.words()), Parameter.settings(d.parameters(), given),
                () -> false);
    }

    @Test
    void theSevenComeFirstInLectureOrderNumberedAsTheIssueNumbersThem() {
        List<Demonstration> all = Demonstrations.all();
        for (int i = 0; i < 7; i++) {
            assertTrue(all.get(i).title().startsWith((i + 1) + " · "), all.get(i).title());
        }
        assertEquals(OURS, List.of(all.get(0).name(), all.get(1).name(), all.get(2).name(), all.get(5).name()));
    }

    @Test
    void everyPresetOnTheseViewsDrawsANonBlankSlideAndExplainsWithItsSource() throws Exception {
        int seen = 0;
        try (var files = Files.list(Path.of("presets"))) {
            for (Path f : files.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
                Preset p = PresetCodec.read(f);
                if (p.view() == null || !OURS.contains(p.view())) {
                    continue;
                }
                Demonstration d = Demonstrations.byName(p.view()).orElseThrow();
                Demonstration.Shown shown = show(d, p, Map.of());
                FiguresTest.assertNotBlank(Figures.render(shown.chart(), 1600, 900, 1), f.toString());
                assertTrue(shown.explanation().endsWith("Source: " + d.source() + "."), shown.explanation());
                seen++;
            }
        }
        assertTrue(seen >= 5, "presets on the four views: " + seen);
    }

    @Test
    void theUnrolledNetworkExpandsTheSelectedNodeWithTheChainsNumbers() throws Exception {
        Preset p = preset("unrolled-chain-rule.json");
        Demonstration d = Demonstrations.byName("unrolled").orElseThrow();
        RunResult r = analyze(p, d).get(0);
        Demonstration.Shown shown = show(d, p, Map.of("lag", 11.0));
        UnrolledChain chain = UnrolledChain.of(r, 1, () -> false);
        assertTrue(shown.explanation().contains("node t = 1"), shown.explanation());
        // the app maps a click to data coordinates through an XYPlot's axes
        assertTrue(shown.chart().getPlot() instanceof XYPlot);
        assertEquals(-12.0, shown.chart().getXYPlot().getDataset().getXValue(0, 0), "h_0 at x = -T");
        assertTrue(shown.explanation().contains(DemoText.power(chain.boundLog10()) + " "), shown.explanation());
        assertTrue(shown.explanation().contains("actual ‖∂J/∂h₁‖₂ = " + DemoText.power(r.series().gradNorm[1])),
                shown.explanation());
        // a lag beyond T selects h_0
        assertTrue(show(d, p, Map.of("lag", 500.0)).explanation().contains("node t = 0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> show(d, p, Map.of("run", 3.0)));
        assertTrue(e.getMessage().startsWith("demo.run: 3"), e.getMessage());
    }

    /**
     * The step norms on the chain's edges are drawn all or none: on the Lecture tab at 1280×800 only the shortest,
     * "1.2", fitted its edge and stood alone mid-chain. Full screen at 1280×720 and on a slide all eleven are drawn.
     */
    @Test
    void theChainsEdgeNormsAreDrawnAllOrNone() throws Exception {
        Preset p = preset("unrolled-chain-rule.json");
        Demonstration d = Demonstrations.byName("unrolled").orElseThrow();
        RunResult r = analyze(p, d).get(0);
        UnrolledChain chain = UnrolledChain.of(r, 1, () -> false);
        List<String> norms = new ArrayList<>();
        for (int time = 2; time <= 12; time++) {
            norms.add(DemoText.value(Math.pow(10, chain.stepNormLog10At(time))));
        }
        int[][] sizes = {{LectureSize.WIDTH, LectureSize.HEIGHT, 0}, {1280, 680, 11},
            {SlideStyle.WIDTH, SlideStyle.HEIGHT, 11}};
        for (int[] size : sizes) {
            JFreeChart chart = show(d, p, Map.of("lag", 11.0)).chart();
            TextRecorder g2 = new TextRecorder(new java.awt.image.BufferedImage(size[0], size[1],
                    java.awt.image.BufferedImage.TYPE_INT_RGB).createGraphics());
            chart.draw(g2, new java.awt.geom.Rectangle2D.Double(0, 0, size[0], size[1]));
            List<String> left = new ArrayList<>(norms);
            long drawn = g2.texts().stream().filter(t -> left.remove(t.text())).count();
            assertEquals(size[2], drawn, size[0] + "x" + size[1] + ": edge norms drawn of " + norms);
        }
    }

    @Test
    void aClickSelectsTheNearestNodeAndTheLayoutKeepsItVisible() {
        Demonstration d = new UnrolledDemonstration();
        Map<String, Double> s = Map.of("run", 1.0, "lag", 3.0, "shade", 0.0);
        assertEquals(7.0, d.click(-6.7, 1, s).get("lag"));
        assertEquals(0.0, d.click(0.2, 0, s).get("lag"));
        assertSame(s, d.click(1.2, 1, s), "J");
        assertSame(s, d.click(UnrolledDemonstration.FAR_X, 1, s), "the far selected node");

        UnrolledDemonstration.Layout all = UnrolledDemonstration.layout(12, 1);
        assertEquals(13, all.times().size());
        assertEquals(-12.0, all.xs().get(0));
        UnrolledDemonstration.Layout far = UnrolledDemonstration.layout(300, 150);
        assertEquals(UnrolledDemonstration.TAIL + 1, far.times().size());
        assertEquals(150, far.times().get(0));
        assertEquals(UnrolledDemonstration.FAR_X, far.xs().get(0));
        assertEquals(300 - UnrolledDemonstration.TAIL + 1 - 151, far.hiddenBetween());
        UnrolledDemonstration.Layout near = UnrolledDemonstration.layout(300, 290);
        assertEquals(UnrolledDemonstration.TAIL, near.times().size());
        assertTrue(near.gap());
        // every drawn node is where a click selects it
        for (int i = 0; i < near.times().size(); i++) {
            assertEquals(300.0 - near.times().get(i), d.click(near.xs().get(i), 1, s).get("lag"));
        }
    }

    @Test
    void theEigenbasisReadsTheFirstRnnRunAndRefusesGatedOnlyPresets() throws Exception {
        Demonstration d = Demonstrations.byName("eigenbasis").orElseThrow();
        Preset p = preset("gates-highway.json");
        List<RunResult> runs = new ArrayList<>(analyze(p, d));
        RunResult lstm = runs.get(1);
        RunResult additive = runs.get(0);
        assertSame(additive, EigenbasisDemonstration.pick(List.of(lstm, additive)));
        String text = d.show(new Demonstration.Input(List.of(lstm, additive), List.of()), Map.of(), () -> false)
                .explanation();
        assertTrue(text.contains("the first rnn run") && text.contains("I + W_h"), text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.show(new Demonstration.Input(List.of(lstm), List.of()), Map.of(), () -> false));
        assertTrue(e.getMessage().contains("add an rnn run"), e.getMessage());
    }

    /**
     * On a stacked or bidirectional rnn the eigenbasis took layer 0's W_h and the whole readout: a bidirectional run
     * failed with "eigenbasis: 14 != 7" (v has 2n entries), a stacked one compared (W_hᵀ)^ℓ v with a gradient of
     * another loss. It is the layer J reads, the top layer's forward direction: linear, the components sum to its
     * measured gradient.
     */
    @Test
    void theEigenbasisOfAStackIsItsTopLayerAndSumsToItsGradient() throws Exception {
        Demonstration d = Demonstrations.byName("eigenbasis").orElseThrow();
        for (boolean bi : new boolean[] {false, true}) {
            Preset p = PresetCodec.parse("{\"seed\": 3, \"inputSize\": 2, \"hiddenSize\": 7, \"steps\": 10, \"runs\":"
                    + " [{\"label\": \"deep\", \"activation\": \"linear\", \"layers\": 3, \"bidirectional\": " + bi
                    + "}]}");
            RunResult r = analyze(p, d).get(0);
            String text = d.show(new Demonstration.Input(List.of(r), List.of()), Map.of(), () -> false).explanation();
            assertTrue(text.contains("its top layer, layer 3"), text);
            org.vanish.engine.LayerRun top = r.layers().get(bi ? 4 : 2);   // layer 2 forward, 0-based
            org.vanish.lecture.Eigenbasis basis = org.vanish.lecture.Eigenbasis.of(
                    EigenbasisDemonstration.stepMatrix(r), java.util.Arrays.copyOf(r.spec().readout(), 7));
            for (int ell = 0; ell <= 10; ell++) {
                double[] sum = new double[7];
                for (int i = 0; i < basis.components().size(); i++) {
                    double[] v = basis.vector(i, ell);
                    for (int k = 0; k < 7; k++) {
                        sum[k] += v[k];
                    }
                }
                double norm = 0;
                for (double x : sum) {
                    norm += x * x;
                }
                assertEquals(top.series().gradNorm[10 - ell], 0.5 * Math.log10(norm), 1e-9,
                        (bi ? "bidirectional" : "stacked") + ", lag " + ell);
            }
        }
    }

    @Test
    void theWordsAreTheAxisAndTheSubjectIsComparedWithTheLastWord() throws Exception {
        Preset p = preset("keys-to-the-cabinet.json");
        assertEquals(Inputs.tokenize("The keys to the cabinet by the door on the left are"), p.words());
        assertEquals(List.of("the", "writer", "of", "the", "books", "is"), preset("writer-of-the-books.json").words());
        assertEquals(List.of(CellType.RNN, CellType.LSTM, CellType.GRU),
                p.runs().stream().map(r -> r.cell()).toList());
        Demonstration d = Demonstrations.byName("words").orElseThrow();
        List<RunResult> runs = analyze(p, d);
        Demonstration.Shown shown = show(d, p, Map.of());
        XYPlot plot = shown.chart().getXYPlot();
        SymbolAxis x = (SymbolAxis) plot.getDomainAxis();
        assertEquals(p.words(), List.of(x.getSymbols()).subList(1, p.words().size() + 1));
        XYDataset data = plot.getDataset();
        for (int i = 0; i < runs.size(); i++) {
            double[] g = runs.get(i).series().inputGradNorm;
            for (int t = 1; t <= g.length; t++) {
                assertEquals(t, data.getXValue(i, t - 1));
                assertEquals(g[t - 1], data.getYValue(i, t - 1));
            }
            double below = g[g.length - 1] - g[1];
            assertEquals(-below, WordsDemonstration.decadesBelowLast(runs.get(i), 2));
            assertTrue(shown.explanation().contains(runs.get(i).spec().label() + ": " + DemoText.decimals(Math.abs(below))),
                    shown.explanation());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> show(d, preset("gates-highway.json"), Map.of()));
        assertEquals(WordsDemonstration.NEEDS_TEXT, e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> show(d, p, Map.of("subject", 13.0)));
        assertTrue(e.getMessage().startsWith("demo.subject: word 13 but the sentence has 12 words"), e.getMessage());
    }

    /**
     * The words view writes its sentence upright where the words fit side by side, as the gradient-norm and heatmap
     * views do, and upwards where not; before, any sentence of more than 8 words was written upwards, even full
     * screen at 1280×720 where "The keys to the cabinet by the door on the left are" fits upright twice over.
     */
    @Test
    void theWordsViewWritesItsWordsUprightWhereTheyFit() throws Exception {
        Preset p = preset("keys-to-the-cabinet.json");
        Demonstration d = Demonstrations.byName("words").orElseThrow();
        int[][] sizes = {{SlideStyle.WIDTH, SlideStyle.HEIGHT, 0}, {LectureSize.WIDTH, LectureSize.HEIGHT, 1}};
        for (int[] size : sizes) {
            JFreeChart chart = show(d, p, Map.of()).chart();
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(size[0], size[1],
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            TextRecorder g2 = new TextRecorder(img.createGraphics());
            chart.draw(g2, new java.awt.geom.Rectangle2D.Double(0, 0, size[0], size[1]));
            g2.dispose();
            SymbolAxis x = (SymbolAxis) chart.getXYPlot().getDomainAxis();
            assertEquals(size[2] == 1, x.isVerticalTickLabels(), size[0] + " pixels");
            if (size[2] == 0) {
                List<String> texts = g2.texts().stream().map(TextRecorder.Text::text).toList();
                for (String w : p.words()) {
                    assertTrue(texts.contains(w), size[0] + " pixels: \"" + w + "\" not drawn upright: " + texts);
                }
            }
        }
    }

    @Test
    void theGatesViewDrawsTheDirectPathsAndTheMeasuredGradients() throws Exception {
        Preset p = preset("gates-highway.json");
        Demonstration d = Demonstrations.byName("gates").orElseThrow();
        List<RunResult> runs = analyze(p, d);
        Demonstration.Shown shown = show(d, p, Map.of());
        JFreeChart chart = shown.chart();
        XYPlot top = (XYPlot) ((CombinedDomainXYPlot) chart.getPlot()).getSubplots().get(0);
        XYDataset measured = top.getDataset(0);
        XYDataset paths = top.getDataset(1);
        int steps = p.steps();
        for (int i = 0; i < 3; i++) {
            RunResult r = runs.get(i);
            GatePaths.Summary s = GatePaths.summary(r.trajectory(), r.spec().cell());
            double[] grad = r.spec().cell() == CellType.LSTM ? r.series().gradNormC : r.series().gradNorm;
            for (int t = 0; t <= steps; t++) {
                assertEquals(s.median()[t], paths.getYValue(i, t));
                if (t < steps || r.spec().cell() != CellType.LSTM) {
                    // ∂J/∂c_T is exactly 0 (J reads h_T only): the LSTM's curve has no point at t = T
                    assertEquals(grad[t], measured.getYValue(i, t));
                }
                if (r.spec().cell() == CellType.ADDITIVE) {
                    assertEquals(0.0, paths.getYValue(i, t), "the additive path is the identity");
                }
            }
            assertEquals(r.spec().cell() == CellType.LSTM ? steps : steps + 1, measured.getItemCount(i));
            // the pane quotes the same two numbers at t = 0: the median unit's product and the measured gradient
            String line = shown.explanation().lines().filter(l -> l.startsWith(r.spec().label() + ": ")).findFirst()
                    .orElseThrow();
            if (r.spec().cell() != CellType.ADDITIVE) {
                assertTrue(line.contains(" = " + DemoText.power(s.median()[0]) + " over " + steps + " steps"), line);
            }
            assertTrue(line.endsWith(" = " + DemoText.power(grad[0]) + "."), line);
        }
    }
}
