package org.vanish.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.junit.jupiter.api.Test;
import org.vanish.engine.Analyzer;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.lecture.Parameter;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;

/**
 * Every view and demonstration fits at every size it is shown at: each is drawn on its shipped presets to a
 * Graphics2D that records every string with the box of its ink, at a projector's 1280×720 and 1920×1080, at the
 * export's 1600×900 and at the chart size the Lecture tab gives it inside a 1280×800 window. Then no two strings
 * overlap, none leaves the image or is cut by a clip, a title takes one line, whole (on a narrow chart in a smaller
 * font, on a full screen at the slide's), a subtitle at most two, and every plot keeps a real data area.
 */
class LayoutTest {
    /** Full screen on a 720p and a 1080p projector, the export's default, the Lecture tab at 1280×800. */
    static final List<int[]> SIZES = List.of(new int[] {1280, 720}, new int[] {1920, 1080},
            new int[] {SlideStyle.WIDTH, SlideStyle.HEIGHT}, new int[] {LectureSize.WIDTH, LectureSize.HEIGHT},
            new int[] {LectureSize.WIDE, LectureSize.HEIGHT});
    /** Ink boxes may touch (antialiasing): an overlap counts from this many pixels in both directions. */
    static final double OVERLAP = 1.0;
    /** The smallest data area a plot may be drawn in, in pixels: below this the plot has collapsed. */
    static final double MIN_PLOT_SIDE = 120;
    /** A colour bar or a strip beside a plot may be narrow, not short. */
    static final double MIN_PANEL_SIDE = 14;

    /**
     * Whether t is a line of the title: the title's bold face, at its 28 px or shrunk to fit (no smaller than
     * {@link FittedTitle#MIN_SIZE}), above the plots.
     */
    private static boolean isTitle(TextRecorder.Text t, double top) {
        Font f = t.font();
        return f.getFamily().equals(SlideStyle.TITLE.getFamily()) && f.isBold() && f.getSize2D() >= FittedTitle.MIN_SIZE
                && f.getSize2D() <= SlideStyle.TITLE.getSize2D() && t.box().getMaxY() < top;
    }

    /** The figure views the dashboard shows, each with every overlay it has. */
    private static List<Figure> views() {
        return List.of(new GradientNormFigure(new GradientNormFigure.Options(true, true, true, true)),
                new GradientNormFigure(), new JacobianProductFigure(), new SpectrumFigure(),
                new ProductSpectrumFigure(), new HeatmapFigure());
    }

    @Test
    void everyViewAndDemonstrationFitsAtEverySize() throws Exception {
        List<String> problems = new ArrayList<>();
        int drawn = 0;
        for (Path f : presets()) {
            Preset p = PresetCodec.read(f);
            String view = p.view();
            if ("training".equals(view)) {
                continue;
            }
            List<JFreeChart> charts = new ArrayList<>();
            List<String> names = new ArrayList<>();
            Demonstration d = view == null ? null : Demonstrations.byName(view).orElse(null);
            if (d != null) {
                Analyzer a = new Analyzer();
                List<RunResult> runs = d.usesRuns()
                        ? p.toRunSpecs().stream().map(s -> a.analyze(s, d.needs())).toList() : List.of();
                Map<String, Double> settings = Parameter.settings(d.parameters(), p.demo());
                charts.add(d.show(new Demonstration.Input(runs, p.words()), settings, () -> false).chart());
                names.add(d.name());
            } else {
                Analyzer a = new Analyzer();
                List<RunResult> runs = p.toRunSpecs().stream()
                        .map(s -> a.analyze(s, new Quantities(true, true, true, true))).toList();
                for (Figure v : views()) {
                    charts.add(v.chart(runs, p.words()));
                    names.add(v.name());
                }
            }
            for (int i = 0; i < charts.size(); i++) {
                for (int[] size : SIZES) {
                    String where = f.getFileName() + " " + names.get(i) + " " + size[0] + "×" + size[1];
                    problems.addAll(check(where, charts.get(i), size[0], size[1]));
                    drawn++;
                }
            }
        }
        assertTrue(drawn > 100, "drawn " + drawn);
        assertEquals("", String.join("\n", problems), problems.size() + " problems");
    }

    /** A drawn stack: three bidirectional layers of two cells, the most layers and directions a lecture shows. */
    static final String THREE_BIDIRECTIONAL = "{\"seed\": 4, \"inputSize\": 16, \"steps\": 60, \"hiddenSize\": 32,"
            + " \"runs\": [{\"label\": \"rnn tanh\", \"cell\": \"rnn\", \"layers\": 3, \"bidirectional\": true},"
            + " {\"label\": \"lstm\", \"cell\": \"lstm\", \"layers\": 3, \"bidirectional\": true}]}";

    /**
     * The views of stacked runs (the shipped trained networks, a drawn three-layer bidirectional stack) for all layers
     * and for single layers fit at a projector's 1280×720 and 1920×1080 and at the export's size.
     */
    @Test
    void everyViewOfStackedRunsFitsForEveryLayerChoice() throws Exception {
        List<Preset> presets = List.of(PresetCodec.read(Path.of("presets", "keys-trained-lstm.json")),
                PresetCodec.read(Path.of("presets", "keys-trained-gru.json")), PresetCodec.parse(THREE_BIDIRECTIONAL));
        List<String> problems = new ArrayList<>();
        int drawn = 0;
        for (Preset p : presets) {
            Analyzer a = new Analyzer();
            List<RunResult> runs = p.toRunSpecs().stream()
                    .map(s -> a.analyze(s, new Quantities(true, true, true, true))).toList();
            List<LayerChoice> choices = LayerChoice.choices(runs);
            // all layers, the first and the last layer and direction
            for (LayerChoice c : List.of(choices.get(0), choices.get(1), choices.get(choices.size() - 1))) {
                for (Figure v : views()) {
                    JFreeChart chart = LayeredFigure.of(v, c).chart(runs, p.words());
                    for (int[] size : SIZES.subList(0, 3)) {
                        String where = p.name() + " " + v.name() + " " + c + " " + size[0] + "×" + size[1];
                        problems.addAll(check(where, chart, size[0], size[1]));
                        drawn++;
                    }
                }
            }
        }
        assertTrue(drawn >= 3 * 3 * 6 * 3, "drawn " + drawn);
        assertEquals("", String.join("\n", problems), problems.size() + " problems");
    }

    /**
     * The unrolled network of a run longer than it draws (the default preset's T = 200, as the Lecture tab opens on it):
     * the gap between h₀ and the last nodes, with the selected node near J and far behind the gap, fits at every size.
     * Before, the gap's "163 steps" ran off the plot's left edge and "J" sat on "h₂₀₀" on the Lecture tab.
     */
    @Test
    void theUnrolledNetworkOfALongRunFitsAtEverySize() throws Exception {
        Preset p = PresetCodec.read(Path.of("presets", "default.json"));
        Demonstration d = Demonstrations.byName("unrolled").orElseThrow();
        Analyzer a = new Analyzer();
        List<RunResult> runs = p.toRunSpecs().stream().map(s -> a.analyze(s, d.needs())).toList();
        assertTrue(runs.get(0).spec().steps() > UnrolledDemonstration.MAX_NODES, "a run longer than the view draws");
        List<String> problems = new ArrayList<>();
        for (double lag : new double[] {3, 150}) {
            Map<String, Double> settings = new java.util.HashMap<>(Parameter.settings(d.parameters(), Map.of()));
            settings.put("lag", lag);
            JFreeChart chart = d.show(new Demonstration.Input(runs, p.words()), settings, () -> false).chart();
            for (int[] size : SIZES) {
                problems.addAll(check("default.json unrolled lag " + lag + " " + size[0] + "×" + size[1], chart,
                        size[0], size[1]));
            }
        }
        assertEquals("", String.join("\n", problems), problems.size() + " problems");
    }

    /** What is wrong with chart drawn at width×height: one line per problem, none if it fits. */
    static List<String> check(String where, JFreeChart chart, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D base = img.createGraphics();
        base.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        base.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        TextRecorder g2 = new TextRecorder(base);
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height), info);
        g2.dispose();
        String dump = System.getProperty("layout.dump");
        if (dump != null) {
            // -Dlayout.dump=DIR keeps every image drawn, to look at
            try {
                javax.imageio.ImageIO.write(img, "png", Path.of(dump, where.replace(' ', '_') + ".png").toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        List<String> out = new ArrayList<>();
        List<TextRecorder.Text> texts = g2.texts();
        Rectangle2D image = new Rectangle2D.Double(-0.5, -0.5, width + 1, height + 1);
        for (int i = 0; i < texts.size(); i++) {
            TextRecorder.Text t = texts.get(i);
            if (!image.contains(t.box())) {
                out.add(where + ": leaves the image: " + t);
            } else if (t.clipped()) {
                out.add(where + ": cut by a clip: " + t);
            }
            for (int j = 0; j < i; j++) {
                Rectangle2D both = t.box().createIntersection(texts.get(j).box());
                if (both.getWidth() > OVERLAP && both.getHeight() > OVERLAP) {
                    out.add(where + ": " + texts.get(j) + " overlaps " + t);
                }
            }
        }
        List<Rectangle2D> areas = new ArrayList<>();
        dataAreas(info.getPlotInfo(), areas);
        double top = areas.stream().mapToDouble(Rectangle2D::getMinY).min().orElse(height);
        // the title is the only bold 28; the subtitle's lines are the 18 px text above every plot (ticks are 18 too)
        int titleLines = 0;
        int subtitleLines = 0;
        for (TextRecorder.Text t : texts) {
            titleLines += isTitle(t, top) ? 1 : 0;
            subtitleLines += t.font().equals(SlideStyle.SUBTITLE) && t.box().getMaxY() < top - 12 ? 1 : 0;
        }
        boolean shortened = texts.stream().anyMatch(t -> isTitle(t, top) && t.text().endsWith("..."));
        if (shortened) {
            out.add(where + ": the title is cut short");
        }
        boolean smaller = texts.stream().anyMatch(t -> isTitle(t, top) && !t.font().equals(SlideStyle.TITLE));
        if (smaller && width >= 1280) {
            out.add(where + ": the title takes a smaller font on a full screen");
        }
        if (titleLines > 1) {
            out.add(where + ": the title takes " + titleLines + " lines");
        }
        if (subtitleLines > 2) {
            out.add(where + ": the subtitle takes " + subtitleLines + " lines");
        }
        if (areas.isEmpty()) {
            out.add(where + ": no data area");
        }
        for (Rectangle2D a : areas) {
            double small = Math.min(a.getWidth(), a.getHeight());
            double large = Math.max(a.getWidth(), a.getHeight());
            if (small < MIN_PANEL_SIDE || large < MIN_PLOT_SIDE) {
                out.add(where + String.format(": a data area of %.0f×%.0f", a.getWidth(), a.getHeight()));
            }
        }
        double widest = areas.stream().mapToDouble(Rectangle2D::getWidth).max().orElse(0);
        double tallest = areas.stream().mapToDouble(Rectangle2D::getHeight).max().orElse(0);
        if (widest < MIN_PLOT_SIDE || tallest < MIN_PLOT_SIDE) {
            out.add(where + String.format(": the plot collapsed: widest %.0f, tallest %.0f", widest, tallest));
        }
        return out;
    }

    /** The data areas of the innermost plots: a combined plot's or colour-bar plot's panels, else the plot's. */
    private static void dataAreas(PlotRenderingInfo info, List<Rectangle2D> out) {
        if (info == null) {
            return;
        }
        if (info.getSubplotCount() > 0) {
            for (int i = 0; i < info.getSubplotCount(); i++) {
                dataAreas(info.getSubplotInfo(i), out);
            }
        } else if (info.getDataArea() != null) {
            out.add(info.getDataArea());
        }
    }

    private static List<Path> presets() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("presets"))) {
            return files.filter(x -> x.toString().endsWith(".json")).sorted().toList();
        }
    }
}
