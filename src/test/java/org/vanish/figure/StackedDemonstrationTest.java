package org.vanish.figure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.lecture.Parameter;
import org.vanish.lecture.Stacked;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;

/** The stacked demonstration draws and quotes exactly the numbers of {@link Stacked}. */
class StackedDemonstrationTest {
    private static final String TEXT = "{\"seed\": 4, \"inputSize\": 5, \"hiddenSize\": 6, \"inputs\": {\"kind\": \"text\","
            + " \"text\": \"the movie was terribly exciting !\"}, \"runs\": [{\"label\": \"gru\", \"cell\": \"gru\"},"
            + " {\"label\": \"rnn\"}]}";
    private final StackedDemonstration demo = new StackedDemonstration();

    private static Demonstration.Input input(String json) throws Exception {
        Preset p = PresetCodec.parse(json);
        return new Demonstration.Input(FigureFixtures.analyze(json, Quantities.GRADIENTS), p.words());
    }

    private Demonstration.Shown show(Demonstration.Input in, int layers, boolean skip, boolean bi) {
        Map<String, Double> s = Parameter.settings(demo.parameters(),
                Map.of("layers", (double) layers, "skip", skip ? 1.0 : 0.0, "bidirectional", bi ? 1.0 : 0.0));
        return demo.show(in, s, () -> false);
    }

    private static List<XYPlot> panels(JFreeChart chart) {
        return ((ColourBarPlot) chart.getPlot()).panels().getSubplots();
    }

    @Test
    void isRegisteredAndTheShippedPresetOpensOnIt() throws Exception {
        assertEquals(demo.name(), Demonstrations.byName("stacked").orElseThrow().name());
        Preset p = PresetCodec.read(java.nio.file.Path.of("presets/stacked-and-bidirectional.json"));
        assertEquals("stacked", p.view());
        assertTrue(p.words().size() > 10, "the bidirectional panel needs words");
        // the run is itself the stack the demonstration opens on, so the dashboard's views show its layers too
        assertEquals(3, p.runs().get(0).layers());
        assertEquals(3.0, p.demo().get("layers"));
    }

    /**
     * What the shipped preset's description says of the directions holds for its sentence. With one layer the early
     * words get their gradient from the backward direction and the late ones from the forward direction; with the
     * preset's three layers, wired as PyTorch does, both directions deliver gradients of the same order to every word
     * (the layers above read both directions below, so x_1 reaches the top through the forward direction in one step
     * too). Before, the description claimed the one-layer split for the stack, where at "I" the forward direction
     * delivers 10^-0.7 and the backward 10^-0.9, and at "." the backward more.
     */
    @Test
    void theShippedPresetsWordsOnTheDirectionsHold() throws Exception {
        Preset p = PresetCodec.read(java.nio.file.Path.of("presets/stacked-and-bidirectional.json"));
        RunResult run = new org.vanish.engine.Analyzer().analyze(p.toRunSpecs().get(0), Quantities.GRADIENTS);
        int steps = run.spec().steps();
        Stacked.Gradients one = Stacked.of(run, 1, false, true).gradients(() -> false);
        assertTrue(one.backwardInput()[0] > one.forwardInput()[0] + 1, "one layer: the backward direction at t = 1");
        assertTrue(one.forwardInput()[steps - 1] > one.backwardInput()[steps - 1] + 1,
                "one layer: the forward direction at t = T");
        int layers = p.demo().get("layers").intValue();
        for (boolean skip : new boolean[] {false, true}) {
            Stacked.Gradients g = Stacked.of(run, layers, skip, true).gradients(() -> false);
            for (int t = 1; t <= steps; t++) {
                assertTrue(Math.abs(g.forwardInput()[t - 1] - g.backwardInput()[t - 1]) < 1, layers + " layers, skip "
                        + skip + ", t = " + t + ": " + g.forwardInput()[t - 1] + " and " + g.backwardInput()[t - 1]);
            }
        }
        assertTrue(p.description().contains("With one layer the early words get their gradient from the backward"
                + " direction and the late ones from the forward direction; stacked,"), p.description());
    }

    @Test
    void theHeatmapIsTheStateGradientOfEveryLayerAndPositionWithTheWordsOnTheAxis() throws Exception {
        Demonstration.Input in = input(TEXT);
        RunResult run = in.runs().get(0);
        for (boolean bi : new boolean[] {false, true}) {
            JFreeChart chart = show(in, 4, true, bi).chart();
            Stacked.Gradients g = Stacked.of(run, 4, true, bi).gradients(() -> false);
            List<XYPlot> panels = panels(chart);
            assertEquals(bi ? 2 : 1, panels.size());
            CellGrid grid = (CellGrid) panels.get(0).getAnnotations().get(0);
            assertEquals(6, grid.columns());
            assertEquals(4, grid.rows());
            for (int t = 1; t <= 6; t++) {
                for (int l = 1; l <= 4; l++) {
                    assertEquals((float) g.state(l, t), grid.value(t - 1, l - 1), "layer " + l + ", t = " + t);
                }
            }
            // layer 1 at the bottom: row 0 is drawn at y = 0 of an axis that is not inverted
            assertTrue(!panels.get(0).getRangeAxis().isInverted());
            SymbolAxis words = assertInstanceOf(SymbolAxis.class,
                    ((ColourBarPlot) chart.getPlot()).panels().getDomainAxis());
            assertArrayEquals(new String[] {"", "the", "movie", "was", "terribly", "exciting", "!"}, words.getSymbols());
        }
    }

    @Test
    void theBidirectionalPanelDrawsBothDirectionsAndTheExplanationQuotesThem() throws Exception {
        Demonstration.Input in = input(TEXT);
        Demonstration.Shown shown = show(in, 2, false, true);
        Stacked.Gradients g = Stacked.of(in.runs().get(0), 2, false, true).gradients(() -> false);
        XYDataset lines = panels(shown.chart()).get(1).getDataset();
        assertEquals(2, lines.getSeriesCount());
        for (int t = 1; t <= 6; t++) {
            assertEquals(g.forwardInput()[t - 1], lines.getYValue(0, t - 1), 0.0);
            assertEquals(g.backwardInput()[t - 1], lines.getYValue(1, t - 1), 0.0);
            assertEquals(t, lines.getXValue(0, t - 1), 0.0);
        }
        String text = shown.explanation();
        // the numbers quoted along time and down the layers are the forward direction's, and it says so
        assertTrue(text.startsWith("Top layer, forward direction: ‖∂L/∂sₜ‖ from "
                + DemoText.power(g.forwardState()[1][5]) + " at t = T"), text);
        assertTrue(text.contains("Down to layer 1, forward direction: "), text);
        assertTrue(text.contains("at \"the\" (t = 1) the backward direction delivers "
                + DemoText.power(g.backwardInput()[0])), text);
        assertTrue(text.contains("at \"!\" (t = 6) the forward delivers "
                + DemoText.power(g.forwardInput()[5])), text);
        assertTrue(text.endsWith("(stacked layers, skip connections from the input)."), text);
    }

    @Test
    void theExplanationComparesWithTheTwinThatDiffersInTheSkipConnections() throws Exception {
        Demonstration.Input in = input(TEXT);
        RunResult run = in.runs().get(0);
        Stacked.Gradients plain = Stacked.of(run, 3, false, false).gradients(() -> false);
        Stacked.Gradients skip = Stacked.of(run, 3, true, false).gradients(() -> false);
        String expected = "‖∂L/∂x_T‖ is " + DemoText.power(skip.forwardInput()[5]) + " with them and "
                + DemoText.power(plain.forwardInput()[5]) + " without";
        for (boolean on : new boolean[] {false, true}) {
            String text = show(in, 3, on, false).explanation();
            assertTrue(text.contains(expected), text);
            assertTrue(text.contains("to " + DemoText.power((on ? skip : plain).forwardState()[2][0])
                    + " at t = 1"), text);
        }
        assertTrue(!show(in, 1, false, false).explanation().contains("Skip connections"),
                "one layer has no skip connections to compare");
    }

    @Test
    void aNoiseInputNumbersThePositionsAndTheSlideIsDrawn() throws Exception {
        Demonstration.Input in = input(FigureFixtures.FOUR_CELLS);
        JFreeChart chart = show(in, 8, true, true).chart();
        assertTrue(!(((ColourBarPlot) chart.getPlot()).panels().getDomainAxis() instanceof SymbolAxis));
        BufferedImage img = Figures.render(chart, SlideStyle.WIDTH, SlideStyle.HEIGHT, 1);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 50, "a drawn slide has many colours, found " + colours.size());
    }

    /**
     * SymbolAxis leaves out a tick label that overlaps the one before it: at 800 pixels (and on the Lecture tab at
     * 1280×800) the upright words of Linzen's sentence lost "cabinet" ("the keys to the ___ by the door").
     * Every word is drawn, upright when they fit.
     */
    @Test
    void everyWordIsOnTheAxisHoweverNarrowTheChart() throws Exception {
        String sentence = "The keys to the cabinet by the door on the left are";
        Demonstration.Input in = input("{\"seed\": 4, \"inputSize\": 5, \"hiddenSize\": 6, \"inputs\": {\"kind\":"
                + " \"text\", \"text\": \"" + sentence + "\"}, \"runs\": [{\"cell\": \"lstm\"}]}");
        List<String> words = in.words();
        assertEquals(12, words.size());
        // the Lecture tab of a 1280x800 window, a narrow export, a slide
        int[][] sizes = {{LectureSize.WIDTH, LectureSize.HEIGHT}, {800, SlideStyle.HEIGHT}, {SlideStyle.WIDTH,
            SlideStyle.HEIGHT}};
        for (int[] size : sizes) {
            int width = size[0];
            JFreeChart chart = show(in, 3, false, false).chart();
            BufferedImage img = new BufferedImage(width, size[1], BufferedImage.TYPE_INT_RGB);
            TextRecorder g2 = new TextRecorder(img.createGraphics());
            chart.draw(g2, new java.awt.geom.Rectangle2D.Double(0, 0, width, size[1]));
            g2.dispose();
            Map<String, Long> drawn = new java.util.HashMap<>();
            for (TextRecorder.Text t : g2.texts()) {
                drawn.merge(t.text(), 1L, Long::sum);
            }
            SymbolAxis axis = (SymbolAxis) ((ColourBarPlot) chart.getPlot()).panels().getDomainAxis();
            java.awt.font.FontRenderContext frc = img.createGraphics().getFontRenderContext();
            for (String w : new HashSet<>(words)) {
                long want = words.stream().filter(w::equals).count();
                // words written upwards reach the Graphics2D as glyph vectors
                java.awt.font.GlyphVector gv = axis.getTickLabelFont().createGlyphVector(frc, w);
                String glyphs = "glyphs" + java.util.Arrays.toString(gv.getGlyphCodes(0, gv.getNumGlyphs(), null));
                long got = drawn.getOrDefault(w, 0L) + drawn.getOrDefault(glyphs, 0L);
                assertTrue(got >= want, width + " pixels: \"" + w + "\" drawn " + got + " times, the sentence has it "
                        + want + " times");
            }
            assertEquals(width < SlideStyle.WIDTH, axis.isVerticalTickLabels(), width + " pixels: upright words "
                    + (width < SlideStyle.WIDTH ? "would overlap" : "fit"));
        }
    }

    /**
     * An imported 2-layer bidirectional LSTM on this view showed "3 stacked LSTM layers" over the subtitle "2 layers,
     * bidirectional · explicit weights", as if the rows were the model's; only its first forward layer is.
     */
    @Test
    void aRunThatIsItselfAStackIsToldWhichOfItsLayersAreShown() throws Exception {
        String json = "{\"seed\": 4, \"inputSize\": 5, \"hiddenSize\": 6, \"steps\": 8, \"runs\": [{\"label\":"
                + " \"lstm\", \"cell\": \"lstm\", \"layers\": 2, \"bidirectional\": true}]}";
        Demonstration.Shown shown = show(input(json), 3, false, false);
        assertTrue(shown.explanation().startsWith("\"lstm\" has 2 layers, bidirectional of its own; this view keeps"
                + " only its layer 1 forward"), shown.explanation());
        TextRecorder g2 = new TextRecorder(new BufferedImage(SlideStyle.WIDTH, SlideStyle.HEIGHT,
                BufferedImage.TYPE_INT_RGB).createGraphics());
        shown.chart().draw(g2, new java.awt.geom.Rectangle2D.Double(0, 0, SlideStyle.WIDTH, SlideStyle.HEIGHT));
        List<String> texts = g2.texts().stream().map(TextRecorder.Text::text).toList();
        assertTrue(texts.contains("3 stacked LSTM layers"), texts.toString());
        assertTrue(texts.stream().noneMatch(t -> t.contains("2 layers")), "the subtitle contradicts the title: " + texts);
        // a one-layer run says nothing more
        assertTrue(show(input(TEXT), 3, false, false).explanation().startsWith("Top layer"));
        // bidirectional, as many layers, no skip connections: the model's own network, both directions
        assertTrue(show(input(json), 2, false, true).explanation().startsWith("These are \"lstm\"'s own 2 layers in"
                + " both directions, with its weights and readout"), show(input(json), 2, false, true).explanation());
        assertTrue(show(input(json), 3, false, true).explanation().startsWith("\"lstm\" has 2 layers, bidirectional"
                + " of its own; this view keeps its layers 1 to 2 in both directions and draws every other layer and"
                + " direction, so the rows above layer 2 are not its own."), show(input(json), 3, false, true)
                .explanation());
    }

    /**
     * The line gives a reason only where the run has upper layers the view could have shown, and says layers are drawn
     * only where some are. Before, a one-layer bidirectional run on a one-layer view read "has bidirectional of its own;
     * this view keeps only its layer 1 forward (its upper layers read both directions below) and draws every other
     * layer and direction", of a run without upper layers on a view that draws nothing.
     */
    @Test
    void theOwnLayersLineGivesOnlyReasonsThatApply() {
        org.vanish.engine.RunSpec base = new org.vanish.engine.RunSpec("m", org.vanish.engine.CellType.LSTM,
                org.vanish.engine.Activation.TANH, 4, 3, 5, 1, org.vanish.engine.InitScheme.GAUSSIAN, 1.0, 1.0, Map.of(),
                false, 5, Map.of(), new double[15], new double[8], new double[4]);
        org.vanish.engine.RunSpec oneBi = base.withArchitecture(1, true, org.vanish.engine.GruVariant.CHO,
                new double[8]);
        org.vanish.engine.RunSpec two = base.withArchitecture(2, false, org.vanish.engine.GruVariant.CHO,
                new double[4]);
        org.vanish.engine.RunSpec twoBi = base.withArchitecture(2, true, org.vanish.engine.GruVariant.CHO,
                new double[8]);
        assertEquals("\"m\" has one bidirectional layer of its own; this view keeps only its layer 1 forward. Its own"
                + " layers are on the Gradient norm and Heatmap views.", StackedDemonstration.ownLayers(oneBi, 1, 1, false));
        assertEquals("\"m\" has one bidirectional layer of its own; this view keeps only its layer 1 forward and draws"
                + " every other layer and direction, so the rows above layer 1 are not its own. Its own layers are on the"
                + " Gradient norm and Heatmap views.", StackedDemonstration.ownLayers(oneBi, 1, 2, false));
        assertEquals("\"m\" has 2 layers, bidirectional of its own; this view keeps only its layer 1 in both"
                + " directions. Its own layers are on the Gradient norm and Heatmap views.",
                StackedDemonstration.ownLayers(twoBi, 1, 1, true));
        assertEquals("\"m\" has 2 layers of its own; this view keeps only its layer 1 and draws every other layer and"
                + " direction. Its own layers are on the Gradient norm and Heatmap views.",
                StackedDemonstration.ownLayers(two, 1, 1, true));
        assertEquals("\"m\" has 2 layers, bidirectional of its own; this view keeps only its layer 1 forward (its"
                + " upper layers read both directions below) and draws every other layer and direction, so the rows"
                + " above layer 1 are not its own. Its own layers are on the Gradient norm and Heatmap views.",
                StackedDemonstration.ownLayers(twoBi, 1, 2, false));
        assertTrue(StackedDemonstration.ownLayers(two, 1, 2, true).contains("only its layer 1 (a bidirectional"
                + " network's upper layers read both directions below) and draws"));
    }

    @Test
    void unsuitableRunsAreRefusedWithAMessage() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> show(Demonstration.Input.none(), 3, false, false));
        Demonstration.Input wide = input("{\"steps\": 4, \"inputSize\": 2, \"hiddenSize\": 600, \"runs\": [{}]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> show(wide, 2, false, false));
        assertTrue(e.getMessage().startsWith("hiddenSize: 600"), e.getMessage());
    }
}
