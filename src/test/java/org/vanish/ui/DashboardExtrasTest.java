package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vanish.engine.RunResult;
import org.vanish.figure.GradientNormFigure;
import org.vanish.preset.PresetCodec;

/** The summary line, the gallery, the dashboard image, overlays and spectra streaming at large n. */
class DashboardExtrasTest {
    private static final long TIMEOUT_S = 60;
    private static final int DEFAULT_RUNS = 4;
    private static final int SLIDE_W = 1600;
    private static final int SLIDE_H = 900;

    private final DashboardViewModel direct = new DashboardViewModel(Runnable::run, Runnable::run);

    @Test
    void reachIsTheFirstLagWhereTheGradientIsThreeDecadesBelowItsValueAtT() {
        // log10 g_t = 0.5 (t - T): falls by 10^3 first at l = 7 (3.5 decades), not at l = 6 (exactly 3)
        double[] g = new double[21];
        for (int t = 0; t <= 20; t++) {
            g[t] = 0.5 * (t - 20);
        }
        assertEquals(7, RunSummary.reach(g));
        assertEquals(-1, RunSummary.reach(new double[] {0.1, 0.0, -0.5, 0.0}));
        assertEquals(1, RunSummary.reach(new double[] {Double.NEGATIVE_INFINITY, 0.0}));
    }

    @Test
    void theVerdictFollowsTheDefaultRnnThroughTheScale() {
        direct.loadDefault();
        direct.setScale(0.5);
        RunSummary low = direct.summariesProperty().get().get(0);
        assertEquals(RunSummary.Verdict.VANISHING, low.verdict());
        assertTrue(low.reach() > 0, "a vanishing gradient falls by 10^3 within T: " + low.reach());
        assertTrue(low.reachText().startsWith("vanishing, falls 10³ by ℓ = "), low.reachText());
        direct.setScale(DashboardViewModel.MAX_SCALE);
        RunSummary high = direct.summariesProperty().get().get(0);
        assertEquals(RunSummary.Verdict.EXPLODING, high.verdict());
        assertEquals(-1, high.reach());
        assertTrue(high.reachText().matches("exploding, grows 10\\^\\d+\\.\\d over T"), high.reachText());
        assertTrue(high.text().contains("ρ(W_h) = "), high.text());
    }

    @Test
    void theGalleryListsEveryShippedPresetWithItsDescriptionDefaultFirst() throws Exception {
        List<PresetGallery.Entry> entries = PresetGallery.list();
        try (var files = Files.list(Path.of("presets"))) {
            assertEquals(files.filter(f -> f.toString().endsWith(".json")).count(), entries.size());
        }
        assertEquals("default.json", entries.get(0).file());
        for (PresetGallery.Entry e : entries) {
            assertFalse(e.description().isBlank(), e.file());
            String view = e.preset().view();
            assertTrue(view == null || DashboardView.isView(view) || view.equals(PresetGallery.TRAINING),
                    e.file() + " opens on \"" + view + "\", which is no view");
        }
        direct.setPreset(entries.get(1).preset());
        assertEquals(entries.get(1).name(), direct.presetNameProperty().get());
    }

    @Test
    void theDashboardImageHoldsEveryViewInATwoByTwoGrid(@TempDir Path dir) throws Exception {
        direct.loadDefault();
        Path out = dir.resolve("dashboard.png");
        direct.exportDashboard(out, 1).get(TIMEOUT_S, TimeUnit.SECONDS);
        BufferedImage img = ImageIO.read(out.toFile());
        assertEquals(2 * SLIDE_W, img.getWidth());
        assertEquals(2 * SLIDE_H, img.getHeight());
        for (int cell = 0; cell < DEFAULT_RUNS; cell++) {
            int x0 = (cell % 2) * SLIDE_W;
            int y0 = (cell / 2) * SLIDE_H;
            assertTrue(countNonWhite(img, x0, y0) > 1000, "view " + cell + " is drawn");
        }
        assertEquals("", direct.getError());
    }

    /** The gradient-norm view the dashboard draws, inside its choice of layers. */
    private GradientNormFigure gradientView() {
        return (GradientNormFigure) ((org.vanish.figure.LayeredFigure) direct.figure("gradient-norm")).view();
    }

    @Test
    void theOverlayOptionsReachTheGradientFigure() {
        direct.loadDefault();
        GradientNormFigure plain = gradientView();
        assertEquals(GradientNormFigure.Options.PLAIN, plain.options());
        direct.gradientOptionsProperty().set(new GradientNormFigure.Options(true, false, true));
        GradientNormFigure chosen = gradientView();
        assertTrue(chosen.options().inputSensitivity());
        assertTrue(chosen.options().pascanuBound());
        int plainSeries = plain.chart(direct.getResults()).getXYPlot().getSeriesCount();
        int withOverlays = 0;
        var plot = chosen.chart(direct.getResults()).getXYPlot();
        for (int i = 0; i < plot.getDatasetCount(); i++) {
            withOverlays += plot.getDataset(i) == null ? 0 : plot.getDataset(i).getSeriesCount();
        }
        assertTrue(withOverlays > plainSeries, withOverlays + " vs " + plainSeries);
    }

    @Test
    void atLargeNTheCurvesComeFirstAndTheSpectraStreamInAfter() throws Exception {
        List<Runnable> later = new ArrayList<>();
        DashboardViewModel vm = new DashboardViewModel(Runnable::run, later::add);
        vm.setPreset(PresetCodec.parse("{\"name\": \"big\", \"steps\": 20, \"inputSize\": 4, "
                + "\"runs\": [{\"cell\": \"rnn\", \"hiddenSize\": 160}]}"));
        // the first publication: curves without spectra
        later.remove(0).run();
        RunResult first = vm.getResults().get(0);
        assertNull(first.spectra());
        assertTrue(Double.isNaN(vm.summariesProperty().get().get(0).spectralRadius()));
        assertEquals("ρ = …", vm.summariesProperty().get().get(0).spectralRadiusText());
        while (!later.isEmpty()) {
            later.remove(0).run();
        }
        assertNotNull(vm.getResults().get(0).spectra());
        assertTrue(vm.summariesProperty().get().get(0).spectralRadius() > 0);
        assertFalse(vm.getFullResults().isEmpty());
        // the spectra are decomposed now: a scale change answers with them at once
        vm.setScale(0.7);
        later.remove(0).run();
        assertNotNull(vm.getResults().get(0).spectra());
    }

    private static int countNonWhite(BufferedImage img, int x0, int y0) {
        int n = 0;
        for (int y = y0; y < y0 + SLIDE_H; y += 3) {
            for (int x = x0; x < x0 + SLIDE_W; x += 3) {
                n += img.getRGB(x, y) == Color.WHITE.getRGB() ? 0 : 1;
            }
        }
        return n;
    }
}
