package org.vanish.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.jfree.chart.JFreeChart;
import org.vanish.engine.Analyzer;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.figure.Figure;
import org.vanish.figure.Figures;
import org.vanish.figure.GradientNormFigure;
import org.vanish.figure.HeatmapFigure;
import org.vanish.figure.LayeredFigure;
import org.vanish.figure.SlideStyle;
import org.vanish.files.WriteFailure;

/**
 * The dashboard's figures off screen: a view or the whole dashboard written as PNG or SVG, or rendered for the
 * clipboard, from the picture on screen (computed afresh where what is shown is not current). Everything is built
 * off the UI thread and reported in the status or error line.
 */
final class DashboardExport {
    private static final int DASHBOARD_COLUMNS = 2;

    private final DashboardAnalysis analysis;
    private final DashboardHeatmap heatmap;
    private final Supplier<double[]> currentScales;
    private final Executor computeExecutor;
    private final LayerChooser layers;
    /** The words of the preset's text input, read on the UI thread when an export starts (empty for other inputs). */
    private final Supplier<List<String>> words;
    final ObjectProperty<GradientNormFigure.Options> gradientOptions =
            new SimpleObjectProperty<>(this, "gradientOptions", GradientNormFigure.Options.PLAIN);

    DashboardExport(DashboardAnalysis analysis, DashboardHeatmap heatmap, Supplier<double[]> currentScales,
                    LayerChooser layers, Supplier<List<String>> words) {
        this.analysis = analysis;
        this.words = words;
        this.layers = layers;
        this.heatmap = heatmap;
        this.currentScales = currentScales;
        this.computeExecutor = analysis.computeExecutor();
    }

    /** See {@link DashboardViewModel#exportFigure}. */
    CompletableFuture<Path> exportFigure(String name, Path target, int pngScale) {
        Figure figure = figure(name);
        List<String> w = words.get();
        return exportChart(name, dataFor(figure).thenApplyAsync(rs -> figure.chart(rs, w), computeExecutor), target,
                pngScale);
    }

    /** See {@link DashboardViewModel#exportChart}. */
    CompletableFuture<Path> exportChart(String what, CompletableFuture<JFreeChart> chart, Path target, int pngScale) {
        return reportExport(what, target, chart.thenApplyAsync(c -> {
            try {
                if (pngScale == 0) {
                    Figures.writeSvg(c, target, SlideStyle.WIDTH, SlideStyle.HEIGHT);
                } else {
                    Figures.writePng(c, target, SlideStyle.WIDTH, SlideStyle.HEIGHT, pngScale);
                }
            } catch (IOException e) {
                throw new CompletionException(e);
            }
            return target;
        }, computeExecutor));
    }

    /** See {@link DashboardViewModel#exportDashboard}. */
    CompletableFuture<Path> exportDashboard(Path target, int pngScale) {
        List<CompletableFuture<BufferedImage>> images = new ArrayList<>();
        for (String name : Figures.NAMES) {
            images.add(render(name, pngScale));
        }
        CompletableFuture<Path> done = CompletableFuture.allOf(images.toArray(CompletableFuture[]::new))
                .thenApplyAsync(x -> {
                    try {
                        BufferedImage grid = DashboardImage.grid(images.stream().map(CompletableFuture::join).toList(),
                                DASHBOARD_COLUMNS);
                        Figures.writePng(grid, target);
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    }
                    return target;
                }, computeExecutor);
        return reportExport("the dashboard", target, done);
    }

    /** The view called name drawn as on a 1600×900 slide times scale, off the UI thread (for the clipboard). */
    CompletableFuture<BufferedImage> render(String name, double scale) {
        Figure figure = figure(name);
        List<String> w = words.get();
        return dataFor(figure).thenApplyAsync(rs -> Figures.render(figure.chart(rs, w), SlideStyle.WIDTH,
                SlideStyle.HEIGHT, scale), computeExecutor);
    }

    /** The picture on screen as figure needs it: the results shown if current, else computed afresh. */
    private CompletableFuture<List<RunResult>> dataFor(Figure figure) {
        CompletableFuture<List<Analyzer.Prepared>> runs = analysis.prepared();
        double[] scales = currentScales.get();
        if (figure.needs().perUnit()) {
            int k = heatmap.index();
            List<RunResult> shownHeatmap = heatmap.currentOrNull();
            return runs.thenApplyAsync(list -> shownHeatmap != null ? shownHeatmap
                    : List.of(list.get(k).analyze(scales[k], DashboardHeatmap.quantities(list.get(k)), null)),
                    computeExecutor);
        }
        boolean full = figure.needs().productNorms() || figure.needs().productSingularValues();
        List<RunResult> ready = full ? analysis.fullResults.get() : analysis.results.get();
        // current only if made for the very change now on screen (an edit of n or T keeps run 0's scale)
        boolean current = !ready.isEmpty() && analysis.isCurrent(full)
                && ready.stream().allMatch(r -> r.spectra() != null);
        return runs.thenApplyAsync(list -> current ? ready
                : Analyzer.analyzeAll(list, scales, full ? Quantities.FULL : Quantities.LIVE, Runnable::run),
                computeExecutor);
    }

    private CompletableFuture<Path> reportExport(String what, Path target, CompletableFuture<Path> done) {
        return done.whenCompleteAsync((path, failure) -> {
            if (failure == null) {
                analysis.status.set("exported " + what + " to " + path);
            } else {
                Throwable cause = DashboardAnalysis.unwrap(failure);
                analysis.reportError(cause instanceof IOException ? WriteFailure.of(target, cause).getMessage()
                        : "could not export " + target + ": " + cause.getMessage());
            }
        }, analysis.uiExecutor());
    }

    /**
     * The view called name as the dashboard draws it: the gradient norms with the chosen overlays, the heatmap of the
     * chosen run, every view for the chosen layers ({@link LayeredFigure}).
     */
    Figure figure(String name) {
        Figure f;
        if (name.equals("gradient-norm")) {
            f = new GradientNormFigure(gradientOptions.get());
        } else if (name.equals(DashboardViewModel.HEATMAP)) {
            f = new HeatmapFigure(heatmap.run.get());
        } else {
            f = Figures.byName(name).orElseThrow(() -> new IllegalArgumentException("no view " + name));
        }
        return LayeredFigure.of(f, layers.getChoice());
    }
}
