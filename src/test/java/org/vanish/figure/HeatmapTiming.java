package org.vanish.figure;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.vanish.engine.RunResult;

/**
 * A JMH-free timing harness, run by hand: {@code java -cp target/classes:target/test-classes:$(cat cp.txt)
 * org.vanish.figure.HeatmapTiming}. Median of {@value #RUNS} runs after {@value #WARMUP} warm-up runs, for a
 * 64-unit, T = 1000 grid: painting the cells, drawing them on a slide-sized image, and the whole figure.
 */
final class HeatmapTiming {
    private static final int WARMUP = 50;
    private static final int RUNS = 101;

    private HeatmapTiming() {
    }

    public static void main(String[] args) throws Exception {
        String preset = "{\"seed\": 7, \"steps\": 1000, \"inputSize\": 16, \"hiddenSize\": 64, \"inputs\": "
                + "{\"kind\": \"noise\", \"scale\": 0.05}, \"runs\": [{\"label\": \"rnn tanh\"}, "
                + "{\"label\": \"lstm\", \"cell\": \"lstm\", \"biases\": {\"b_f\": 1}}]}";
        List<RunResult> runs = FigureFixtures.analyze(preset, new HeatmapFigure().needs());
        CellGrid grid = HeatmapFigure.gradientGrid(runs.get(0));
        report("cells to image, 64×1001 px", () -> grid.image(10_000));
        report("cells to image, downsampled to 500 px", () -> grid.image(500));
        BufferedImage target = new BufferedImage(1600, 900, BufferedImage.TYPE_INT_RGB);
        JFreeChart rnn = new HeatmapFigure("rnn tanh").chart(runs);
        JFreeChart lstm = new HeatmapFigure("lstm").chart(runs);
        report("rnn heatmap figure, whole chart 1600×900", () -> draw(rnn, target));
        report("lstm heatmap + 3 gate panels, whole chart 1600×900", () -> draw(lstm, target));
        report("building + drawing the rnn chart", () -> draw(new HeatmapFigure("rnn tanh").chart(runs), target));
    }

    private static void draw(JFreeChart chart, BufferedImage target) {
        Graphics2D g2 = target.createGraphics();
        g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g2.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        chart.draw(g2, new java.awt.geom.Rectangle2D.Double(0, 0, 1600, 900));
        g2.dispose();
    }

    private static void report(String what, Runnable r) {
        for (int i = 0; i < WARMUP; i++) {
            r.run();
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-52s median %7.3f ms   p90 %7.3f ms%n", what, ms[RUNS / 2], ms[RUNS * 9 / 10]);
    }
}
