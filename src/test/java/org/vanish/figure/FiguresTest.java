package org.vanish.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;

class FiguresTest {
    /** Anti-aliased curves, text and fills give hundreds of colours; a blank or broken image has one or two. */
    static final int MIN_COLOURS = 50;
    /** Share of pixels that are not white in a real figure (text, grid, curves). */
    static final double MIN_INK = 0.01;

    @TempDir
    Path dir;

    @Test
    void everyNameGivesItsViewAndOthersNone() {
        for (String name : Figures.ALL) {
            assertEquals(name, Figures.byName(name).orElseThrow().name());
        }
        assertTrue(Figures.ALL.containsAll(Figures.NAMES));
        assertTrue(Figures.byName("histogram").isEmpty());
    }

    @Test
    void everyViewDrawsANonBlankSlideAtOneAndTwoTimes() throws Exception {
        List<RunResult> runs = FigureFixtures.analyze(FigureFixtures.FOUR_CELLS, new Quantities(true, true, true, true));
        for (String name : Figures.ALL) {
            JFreeChart chart = Figures.byName(name).orElseThrow().chart(runs);
            BufferedImage one = Figures.render(chart, SlideStyle.WIDTH, SlideStyle.HEIGHT, 1);
            assertEquals(1600, one.getWidth());
            assertEquals(900, one.getHeight());
            assertNotBlank(one, name);
            BufferedImage two = Figures.render(chart, 800, 450, 2);
            assertEquals(1600, two.getWidth());
            assertEquals(900, two.getHeight());
        }
    }

    @Test
    void productViewsShowEveryRunWithProducts() throws Exception {
        List<RunResult> runs = FigureFixtures.analyze(FigureFixtures.FOUR_CELLS, Quantities.FULL);
        XYSeriesCollection norms = JacobianProductFigure.dataset(runs);
        assertEquals(4, norms.getSeriesCount());
        assertEquals(0.0, norms.getSeries(0).getX(0).doubleValue());
        assertEquals(0.0, norms.getSeries(0).getY(0).doubleValue(), 1e-12, "ℓ = 0 is the identity");
        XYSeriesCollection sv = ProductSpectrumFigure.dataset(runs);
        int resolved = runs.get(2).products().productSingularValues.length;
        assertEquals(resolved, sv.getSeries(2).getItemCount(), "every resolved singular value is drawn");
        assertTrue(resolved >= 1 && resolved <= 16, "the lstm's state is [h; c]: at most 2n values");
        // a live analysis has no products: the views stay empty rather than fail
        List<RunResult> live = FigureFixtures.analyze(FigureFixtures.FOUR_CELLS, Quantities.LIVE);
        assertEquals(0, JacobianProductFigure.dataset(live).getSeriesCount());
        assertNotBlank(Figures.render(new ProductSpectrumFigure().chart(live), 1600, 900, 1), "empty");
    }

    @Test
    void writesLeaveOnlyTheFinishedFile() throws Exception {
        List<RunResult> runs = FigureFixtures.analyze(FigureFixtures.DEAD_RELU, Quantities.LIVE);
        JFreeChart chart = new GradientNormFigure().chart(runs);
        Path png = dir.resolve("sub/g.png");
        Figures.writePng(chart, png, 1600, 900, 1);
        Figures.writePng(chart, png, 1600, 900, 1);
        Figures.writeSvg(chart, dir.resolve("sub/g.svg"), 1600, 900);
        try (Stream<Path> files = Files.list(dir.resolve("sub"))) {
            assertEquals(Set.of("g.png", "g.svg"), files.map(p -> p.getFileName().toString())
                    .collect(java.util.stream.Collectors.toSet()));
        }
        assertEquals(1600, ImageIO.read(png.toFile()).getWidth());
    }

    static void assertNotBlank(BufferedImage img, String what) {
        Set<Integer> colours = new HashSet<>();
        long ink = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb != 0xFFFFFF) {
                    ink++;
                }
            }
        }
        assertTrue(colours.size() >= MIN_COLOURS, what + ": only " + colours.size() + " colours");
        double share = (double) ink / ((long) img.getWidth() * img.getHeight());
        assertTrue(share >= MIN_INK, what + ": only " + share + " of the pixels are not white");
        assertFalse(share > 0.9, what + ": almost no white left");
    }

    @Test
    void svgOfLabelsWithControlCharactersIsWellFormedXml() throws Exception {
        String json = "{\"seed\": 2, \"steps\": 6, \"inputSize\": 2, \"hiddenSize\": 3, \"name\": \"x\\u0007y\", "
                + "\"runs\": [{\"label\": \"a\\u0001b\"}, {\"label\": \"c\\u001fd <&>\", \"cell\": \"lstm\"}]}";
        List<RunResult> runs = FigureFixtures.analyze(json, Quantities.FULL);
        for (String name : Figures.NAMES) {
            String svg = Figures.svg(Figures.byName(name).orElseThrow().chart(runs), 800, 450);
            org.vanish.WellFormed.xml(svg);
            assertTrue(svg.contains("a\uFFFDb"), name + ": the control character is shown as U+FFFD");
        }
        assertEquals("tab\tok \uD83D\uDE00 \uFFFD\uFFFD", Figures.xmlSafe("tab\tok \uD83D\uDE00 \u0000\uD800"));
    }
}
