package org.vanish.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.vanish.lecture.Cliff;
import org.vanish.lecture.Parameter;

class CliffDemonstrationTest {
    private final CliffDemonstration demo = new CliffDemonstration();

    private Map<String, Double> defaults() {
        return Parameter.settings(demo.parameters(), Map.of());
    }

    private static XYPlot surfacePlot(Demonstration.Shown shown) {
        ColourBarPlot bars = (ColourBarPlot) shown.chart().getPlot();
        return (XYPlot) bars.panels().getSubplots().get(0);
    }

    @Test
    void bothDemonstrationsAreRegisteredAndSelfContained() {
        assertTrue(Demonstrations.names().containsAll(List.of("cliff", "counting")));
        assertFalse(Demonstrations.byName("cliff").orElseThrow().usesRuns());
        assertFalse(Demonstrations.byName("counting").orElseThrow().usesRuns());
    }

    @Test
    void thePathsOnTheChartAreTheDescents() {
        Map<String, Double> s = new HashMap<>(defaults());
        Demonstration.Shown shown = demo.show(Demonstration.Input.none(), s, () -> false);
        XYSeriesCollection data = (XYSeriesCollection) surfacePlot(shown).getDataset();
        assertEquals(3, data.getSeriesCount());
        XYSeries start = data.getSeries("start");
        assertEquals(s.get("w0"), start.getX(0).doubleValue());
        assertEquals(s.get("b0"), start.getY(0).doubleValue());
        Cliff.Path clipped = Cliff.descend(s.get("w0"), s.get("b0"), s.get("learningRate"),
                (int) Math.round(s.get("steps")), s.get("threshold"));
        XYSeries drawn = data.getSeries("clipped");
        // the clipped descent stays in view, so every point is drawn
        assertEquals(clipped.steps() + 1, drawn.getItemCount());
        for (int k = 0; k <= clipped.steps(); k++) {
            assertEquals(clipped.w()[k], drawn.getX(k).doubleValue(), 0.0);
            assertEquals(clipped.b()[k], drawn.getY(k).doubleValue(), 0.0);
        }
    }

    /**
     * The jump's label ("step 63: ‖∇L‖ = 1.69×10³") covers no point of either descent, on a projector's 1280×720 and
     * 1920×1080, the export's size and the Lecture tab's (wide: the run controls step aside). Before, it hung above the
     * jump, on the clipped descent that runs up the wall there.
     */
    @Test
    void theJumpsLabelLeavesBothDescentsInSight() {
        Demonstration.Shown shown = demo.show(Demonstration.Input.none(), defaults(), () -> false);
        XYPlot plot = surfacePlot(shown);
        XYSeriesCollection data = (XYSeriesCollection) plot.getDataset();
        List<String> covered = new java.util.ArrayList<>();
        for (int[] size : List.of(new int[] {1280, 720}, new int[] {1920, 1080},
                new int[] {SlideStyle.WIDTH, SlideStyle.HEIGHT}, new int[] {LectureSize.WIDE, LectureSize.HEIGHT})) {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(size[0], size[1],
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            TextRecorder g2 = new TextRecorder(img.createGraphics());
            org.jfree.chart.ChartRenderingInfo info = new org.jfree.chart.ChartRenderingInfo();
            shown.chart().draw(g2, new Rectangle2D.Double(0, 0, size[0], size[1]), info);
            Rectangle2D area = info.getPlotInfo().getSubplotInfo(0).getSubplotInfo(0).getDataArea();
            Rectangle2D label = g2.texts().stream().filter(t -> t.text().startsWith("step ")).findFirst()
                    .orElseThrow().box();
            for (int series = 0; series < 2; series++) {
                for (int i = 0; i < data.getItemCount(series); i++) {
                    double x = plot.getDomainAxis().valueToJava2D(data.getXValue(series, i), area,
                            plot.getDomainAxisEdge());
                    double y = plot.getRangeAxis().valueToJava2D(data.getYValue(series, i), area,
                            plot.getRangeAxisEdge());
                    if (label.contains(x, y)) {
                        covered.add(size[0] + "×" + size[1] + " " + data.getSeriesKey(series) + " point " + i);
                    }
                }
            }
        }
        assertEquals(List.of(), covered);
    }

    @Test
    void theExplanationGivesTheJumpAndWhatClippingDid() {
        Map<String, Double> s = defaults();
        String text = demo.show(Demonstration.Input.none(), s, () -> false).explanation();
        Cliff.Path plain = Cliff.descend(s.get("w0"), s.get("b0"), s.get("learningRate"),
                (int) Math.round(s.get("steps")), Double.POSITIVE_INFINITY);
        Cliff.Path clipped = Cliff.descend(s.get("w0"), s.get("b0"), s.get("learningRate"),
                (int) Math.round(s.get("steps")), s.get("threshold"));
        int k = plain.jump();
        assertTrue(text.contains("step " + k + " "), text);
        assertTrue(text.contains(Plots.power(plain.gradient()[k].log10Norm())), text);
        assertTrue(text.contains(Plots.power(plain.gradient()[0].log10Norm())), text);
        int count = 0;
        for (boolean c : clipped.clipped()) {
            count += c ? 1 : 0;
        }
        assertTrue(count > 0);
        assertTrue(text.contains(count + " of " + clipped.steps() + " steps"), text);
        assertTrue(text.endsWith("Pascanu, Mikolov & Bengio 2013, Figure 6 and Algorithm 1 (norm clipping)."), text);
    }

    @Test
    void theHeatmapIsLog10OfTheLoss() {
        Demonstration.Shown shown = demo.show(Demonstration.Input.none(), defaults(), () -> false);
        // the surface is the renderer's background annotation, so that the paths are drawn over it
        AbstractXYItemRenderer renderer = (AbstractXYItemRenderer) surfacePlot(shown).getRenderer();
        CellGrid grid = (CellGrid) renderer.getAnnotations().stream()
                .filter(a -> a instanceof CellGrid).findFirst().orElseThrow();
        Rectangle2D area = grid.bounds();
        for (int c = 0; c < grid.columns(); c += 37) {
            for (int r = 0; r < grid.rows(); r += 29) {
                double w = area.getMinX() + (c + 0.5) * area.getWidth() / grid.columns();
                double b = area.getMinY() + (r + 0.5) * area.getHeight() / grid.rows();
                double expected = Math.max(CliffDemonstration.LOG_LOSS_MIN, Math.log10(Cliff.loss(w, b)));
                assertEquals(expected, grid.value(c, r), 1e-6);
            }
        }
    }

    @Test
    void aClickStartsTheDescentsThere() {
        Map<String, Double> s = defaults();
        Map<String, Double> after = demo.click(3.3, -1.2, s);
        assertEquals(3.3, after.get("w0"));
        assertEquals(-1.2, after.get("b0"));
        assertEquals(s.get("threshold"), after.get("threshold"));
        assertEquals(20.0, demo.click(55, -99, s).get("w0"));
        assertEquals(-20.0, demo.click(55, -99, s).get("b0"));
    }

    @Test
    void anEmptyWindowIsRefusedNamingTheField() {
        Map<String, Double> s = new HashMap<>(defaults());
        s.put("wMin", 5.0);
        s.put("wMax", 5.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> demo.show(Demonstration.Input.none(), s, () -> false));
        assertTrue(e.getMessage().startsWith("demo.wMin: 5 must be below wMax"), e.getMessage());
        s.put("wMax", 6.0);
        s.put("bMax", -7.0);
        e = assertThrows(IllegalArgumentException.class, () -> demo.show(Demonstration.Input.none(), s, () -> false));
        assertTrue(e.getMessage().startsWith("demo.bMin: "), e.getMessage());
    }

    @Test
    void segmentsAreCutAtTheBox() {
        Rectangle2D box = new Rectangle2D.Double(0, 0, 10, 10);
        double[] in = CliffDemonstration.clip(1, 1, 2, 3, box);
        assertEquals(List.of(1.0, 1.0, 2.0, 3.0, 0.0, 1.0), List.of(in[0], in[1], in[2], in[3], in[4], in[5]));
        double[] out = CliffDemonstration.clip(5, 5, 905, 1005, box);
        // leaves through the top, y = 10, after 5/1000 of the way, at x = 5 + 0.005·900
        assertEquals(0.005, out[5], 1e-12);
        assertEquals(9.5, out[2], 1e-12);
        assertEquals(10, out[3], 1e-12);
        double[] back = CliffDemonstration.clip(-5, 5, 5, 5, box);
        assertEquals(0, back[0], 1e-12);
        assertEquals(0.5, back[4], 1e-12);
        assertNull(CliffDemonstration.clip(11, 0, 20, 5, box));
    }

    @Test
    void aJumpOutOfTheWindowIsDrawnOnlyToItsFrame() {
        Map<String, Double> s = defaults();
        Cliff.Path plain = Cliff.descend(s.get("w0"), s.get("b0"), 1, 200, Double.POSITIVE_INFINITY);
        Rectangle2D box = new Rectangle2D.Double(-7, -13, 24, 21);
        assertTrue(Math.abs(plain.w()[plain.steps()]) > 100, "the default start must jump away");
        XYSeries drawn = CliffDemonstration.path("p", plain, box);
        for (int i = 0; i < drawn.getItemCount(); i++) {
            if (drawn.getY(i) != null) {
                assertTrue(box.outcode(drawn.getX(i).doubleValue(), drawn.getY(i).doubleValue()) == 0
                        || onEdge(box, drawn.getX(i).doubleValue(), drawn.getY(i).doubleValue()), "point " + i);
            }
        }
        assertEquals(plain.jump() + 2, drawn.getItemCount());
    }

    private static boolean onEdge(Rectangle2D box, double x, double y) {
        double e = 1e-9;
        return new Rectangle2D.Double(box.getX() - e, box.getY() - e, box.getWidth() + 2 * e, box.getHeight() + 2 * e)
                .contains(x, y);
    }

    @Test
    void powersReadAsOnASlide() {
        assertEquals("0.0172", Plots.power(Math.log10(0.0172)));
        assertEquals("1.69×10³", Plots.power(Math.log10(1690)));
        assertEquals("2.50×10⁻⁵", Plots.power(Math.log10(2.5e-5)));
        assertEquals("10⁻¹⁰¹⁵", Plots.power(-1015.2));
        assertEquals("0", Plots.power(Double.NEGATIVE_INFINITY));
    }
}
