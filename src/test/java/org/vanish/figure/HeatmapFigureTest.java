package org.vanish.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.vanish.engine.RunResult;

class HeatmapFigureTest {
    /** The gates are computed in double and stored as float for the image: a float's rounding is the tolerance. */
    private static final double GATE_TOL = 1e-7;
    private static final int GREY = ColourMap.MISSING.getRGB() & 0xFFFFFF;

    /** The brief's dead network: b = -50 keeps every relu unit at 0, so ∂L/∂h_t = 0 exactly for t &lt; T. */
    static final String DEAD = "{\"steps\": 6, \"inputSize\": 2, \"hiddenSize\": 3, \"runs\": "
            + "[{\"cell\": \"rnn\", \"activation\": \"relu\", \"biases\": {\"b\": -50}}]}";

    /** W_f = 0 and U_f = 0: f_t = σ(b_f) whatever the state and the (noise) inputs do. */
    static final String OPEN_FORGET = "{\"seed\": 4, \"steps\": 12, \"inputSize\": 2, \"hiddenSize\": 3, \"runs\": "
            + "[{\"cell\": \"lstm\", \"biases\": {\"b_f\": 2}, \"parameters\": {"
            + "\"W_f\": [[0, 0, 0], [0, 0, 0], [0, 0, 0]], \"U_f\": [[0, 0], [0, 0], [0, 0]]}}]}";

    private static List<RunResult> analyze(String preset) throws Exception {
        return FigureFixtures.analyze(preset, new HeatmapFigure().needs());
    }

    private static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFFFFFF;
    }

    @Test
    void theImageHasOneColumnPerTimeStepAndOneRowPerUnit() throws Exception {
        RunResult r = analyze(FigureFixtures.FOUR_CELLS).get(0);
        int steps = r.spec().steps();
        int n = r.spec().hiddenSize();
        CellGrid grid = HeatmapFigure.gradientGrid(r);
        BufferedImage img = grid.image(10_000);
        assertEquals(steps + 1, img.getWidth());
        assertEquals(n, img.getHeight());
        float[] v = r.series().unitGrad;
        for (int t = 0; t <= steps; t++) {
            for (int k = 0; k < n; k++) {
                assertEquals(grid.colours().rgb(v[t * n + k]), rgb(img, t, k), "t = " + t + ", unit " + k);
            }
        }
        // the top of the colour range is the largest value: the brightest viridis colour appears
        assertEquals(grid.colours().rgb(Double.MAX_VALUE), grid.colours().rgb(grid.colours().getUpperBound()));
    }

    @Test
    void moreStepsThanPixelsTakeTheMaxOfEachBucket() throws Exception {
        RunResult r = analyze(FigureFixtures.FOUR_CELLS).get(0);
        int n = r.spec().hiddenSize();
        CellGrid grid = HeatmapFigure.gradientGrid(r);
        int columns = grid.columns();
        int width = 7;
        BufferedImage img = grid.image(width);
        assertEquals(width, img.getWidth());
        assertEquals(n, img.getHeight());
        for (int b = 0; b < width; b++) {
            int from = b * columns / width;
            int to = (b + 1) * columns / width;
            for (int k = 0; k < n; k++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int t = from; t < to; t++) {
                    max = Math.max(max, grid.value(t, k));
                }
                assertEquals(grid.colours().rgb(max), rgb(img, b, k), "bucket " + b + ", unit " + k);
            }
        }
    }

    @Test
    void exactZerosArePaintedGreyAndNothingElseIs() throws Exception {
        RunResult r = analyze(DEAD).get(0);
        CellGrid grid = HeatmapFigure.gradientGrid(r);
        BufferedImage img = grid.image(100);
        assertEquals(7, img.getWidth());
        assertEquals(3, img.getHeight());
        for (int k = 0; k < 3; k++) {
            for (int t = 0; t < 6; t++) {
                assertEquals(Float.NEGATIVE_INFINITY, grid.value(t, k), "the fixture is dead before T");
                assertEquals(GREY, rgb(img, t, k), "t = " + t + ", unit " + k);
            }
            assertTrue(Float.isFinite(grid.value(6, k)), "∂L/∂h_T = v");
            assertNotEquals(GREY, rgb(img, 6, k), "a finite value is never grey");
        }
        // on the slide: the dead columns are six sevenths of a plot that fills most of the figure
        BufferedImage slide = Figures.render(new HeatmapFigure().chart(List.of(r)), 1600, 900, 1);
        long grey = 0;
        for (int y = 0; y < slide.getHeight(); y++) {
            for (int x = 0; x < slide.getWidth(); x++) {
                grey += rgb(slide, x, y) == GREY ? 1 : 0;
            }
        }
        assertTrue(grey > 0.3 * 1600 * 900, grey + " grey pixels");
    }

    @Test
    void theForgetGateOfZeroWeightsIsSigmaOfItsBiasEverywhere() throws Exception {
        RunResult r = analyze(OPEN_FORGET).get(0);
        assertEquals(List.of(0, 1, 2), HeatmapFigure.shownGates(r.spec().cell()), "f, i, o; not c̃");
        CellGrid f = HeatmapFigure.gateGrid(r, 0);
        double sigma2 = 1 / (1 + Math.exp(-2));
        assertEquals(12, f.columns());
        assertEquals(3, f.rows());
        for (int t = 0; t < 12; t++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(sigma2, f.value(t, k), GATE_TOL, "t = " + (t + 1) + ", unit " + k);
            }
        }
        BufferedImage img = f.image(100);
        int expected = ColourMap.magma(0, 1).rgb(sigma2);
        for (int t = 0; t < 12; t++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(expected, rgb(img, t, k));
            }
        }
        // the input gate sees the noise: the test would notice a gate read from the wrong place
        CellGrid i = HeatmapFigure.gateGrid(r, 1);
        boolean varies = false;
        for (int t = 1; t < 12; t++) {
            varies |= Math.abs(i.value(t, 0) - i.value(0, 0)) > 1e-3;
        }
        assertTrue(varies, "the input gate should move with the inputs");
    }

    @Test
    void gatedCellsGetOnePanelPerGateAndElmanCellsNone() throws Exception {
        List<RunResult> runs = analyze(FigureFixtures.FOUR_CELLS);
        int[] panels = {1, 1, 4, 3};
        for (int i = 0; i < runs.size(); i++) {
            JFreeChart chart = new HeatmapFigure(runs.get(i).spec().label()).chart(runs);
            ColourBarPlot plot = (ColourBarPlot) chart.getPlot();
            assertEquals(panels[i], plot.panels().getSubplots().size(), runs.get(i).spec().label());
            assertEquals(panels[i] > 1 ? 2 : 1, plot.bars().size());
            assertTrue(chart.getTitle().getText().startsWith(runs.get(i).spec().label()));
        }
        assertThrows(IllegalArgumentException.class, () -> new HeatmapFigure("nope").chart(runs));
    }

    @Test
    void withoutPerUnitGradientsTheViewIsEmptyNotBroken() throws Exception {
        List<RunResult> live = FigureFixtures.analyze(FigureFixtures.FOUR_CELLS, org.vanish.engine.Quantities.LIVE);
        FiguresTest.assertNotBlank(Figures.render(new HeatmapFigure().chart(live), 1600, 900, 1), "no unitGrad");
        FiguresTest.assertNotBlank(Figures.render(new HeatmapFigure().chart(List.of()), 1600, 900, 1), "no runs");
    }

    @Test
    void theColourRangeIgnoresTheLowestPercentButKeepsTheTop() {
        float[] v = new float[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = -i * 0.01f;
        }
        v[999] = -300;
        v[998] = Float.NEGATIVE_INFINITY;
        double[] range = HeatmapFigure.colourRange(v);
        assertEquals(0, range[1]);
        assertTrue(range[0] > -10.5 && range[0] < -9.5, "lowest 1 %: " + range[0]);
        assertFalse(range[0] < -300);
    }
}
