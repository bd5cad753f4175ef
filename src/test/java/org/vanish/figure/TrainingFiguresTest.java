package org.vanish.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class TrainingFiguresTest {
    private static final int T = 20;
    private static final double THRESHOLD = 2.0;

    /**
     * A made-up history of `points` steps (stride 1): the loss decays from 1, the accuracy rises, the gradient
     * norm wanders around 1.5 with every seventh step above the threshold, ‖∂L/∂h_t‖ falls a decade every five
     * positions before T, and the eigenvalues move from radius 0.8 to 1.1.
     */
    static TrainingSnapshot snapshot(int points, boolean clip, boolean accuracy) {
        Random rnd = new Random(3);
        double[] step = new double[points];
        double[] loss = new double[points];
        double[] acc = new double[points];
        double[] norm = new double[points];
        int[] clipped = new int[points];
        float[] grad = new float[points * (T + 1)];
        for (int i = 0; i < points; i++) {
            step[i] = i;
            loss[i] = Math.exp(-i / 50.0) * (1 + 0.2 * rnd.nextDouble());
            acc[i] = 1 - 0.9 * Math.exp(-i / 40.0);
            norm[i] = i % 7 == 3 ? 5 + rnd.nextDouble() : 1 + rnd.nextDouble();
            clipped[i] = clip && norm[i] > THRESHOLD ? 1 : 0;
            for (int t = 0; t <= T; t++) {
                grad[i * (T + 1) + t] = (float) (-(T - t) / 5.0 + i / 100.0);
            }
        }
        int evals = points / 25 + 1;
        double[] evalStep = new double[evals];
        double[] evalLoss = new double[evals];
        double[] evalAcc = new double[evals];
        for (int k = 0; k < evals; k++) {
            evalStep[k] = 25 * k;
            evalLoss[k] = Math.exp(-evalStep[k] / 50.0);
            evalAcc[k] = 1 - Math.exp(-evalStep[k] / 40.0);
        }
        int n = 8;
        double[][] eig = new double[4][n];
        for (int k = 0; k < n; k++) {
            double a = 2 * Math.PI * k / n;
            eig[0][k] = 0.8 * Math.cos(a);
            eig[1][k] = 0.8 * Math.sin(a);
            eig[2][k] = 1.1 * Math.cos(a);
            eig[3][k] = 1.1 * Math.sin(a);
        }
        return new TrainingSnapshot("rnn tanh on the adding problem · T = 20 · n = 8", points, 1, step, loss,
                accuracy ? acc : null, norm, clipped, evalStep, evalLoss, accuracy ? evalAcc : null, 1.0 / 6,
                "predict 1: MSE 1/6", clip ? THRESHOLD : Double.NaN, T, grad, "W_h", eig[0], eig[1], eig[2], eig[3]);
    }

    @Test
    void everyViewDrawsSomething() {
        TrainingSnapshot s = snapshot(300, true, true);
        for (String name : TrainingFigures.NAMES) {
            BufferedImage img = Figures.render(TrainingFigures.chart(name, s), SlideStyle.WIDTH, SlideStyle.HEIGHT, 1);
            FiguresTest.assertNotBlank(img, name);
        }
        assertThrows(IllegalArgumentException.class, () -> TrainingFigures.chart("pie", s));
    }

    @Test
    void beforeTheFirstStepTheViewsSayHowToStart() {
        TrainingSnapshot s = snapshot(0, true, true);
        for (String name : List.of("training-loss", "training-gradient")) {
            XYPlot plot = TrainingFigures.chart(name, s).getXYPlot();
            assertEquals(TrainingFigures.EMPTY, plot.getNoDataMessage(), name);
            assertEquals(0, plot.getDataset().getItemCount(0), name);
        }
        // the message sits in the middle of the plot: the clipping threshold's line keeps clear of it (it struck the
        // message through at the middle of 0.1 .. 10)
        org.jfree.data.Range r = TrainingFigures.gradientNorm(s).getXYPlot().getRangeAxis().getRange();
        double middle = 0.5 * (Math.log10(r.getLowerBound()) + Math.log10(r.getUpperBound()));
        double span = Math.log10(r.getUpperBound() / r.getLowerBound());
        assertTrue(Math.abs(Math.log10(s.clipThreshold()) - middle) > 0.1 * span, r + " puts the threshold "
                + s.clipThreshold() + " at the message");
    }

    @Test
    void theLossViewHasTrainingAndHeldOutLossTheBaselineAndAccuracyOnASecondAxis() {
        TrainingSnapshot s = snapshot(120, true, true);
        XYPlot plot = TrainingFigures.loss(s).getXYPlot();
        XYDataset losses = plot.getDataset(0);
        assertEquals(2, losses.getSeriesCount());
        assertEquals(120, losses.getItemCount(0));
        assertEquals(s.evalStep().length, losses.getItemCount(1));
        assertEquals(s.loss()[37], losses.getYValue(0, 37), 0);
        ValueMarker baseline = onlyMarker(plot.getRangeMarkers(0, Layer.BACKGROUND));
        assertEquals(1.0 / 6, baseline.getValue(), 0);
        assertTrue(baseline.getLabel().contains("predict 1: MSE 1/6"), baseline.getLabel());
        assertTrue(plot.getRangeAxis().getRange().contains(1.0 / 6), "the baseline is in view");
        assertNotNull(plot.getRangeAxis(1));
        assertEquals(2, plot.getDataset(1).getSeriesCount());
        assertEquals(plot.getRangeAxis(1), plot.getRangeAxisForDataset(1));

        XYPlot noAccuracy = TrainingFigures.loss(snapshot(120, true, false)).getXYPlot();
        assertNull(noAccuracy.getDataset(1));
        assertNull(noAccuracy.getRangeAxis(1));
    }

    @Test
    void theGradientViewMarksEveryClippedStepAndTheThreshold() {
        TrainingSnapshot s = snapshot(200, true, true);
        XYPlot plot = TrainingFigures.gradientNorm(s).getXYPlot();
        XYDataset data = plot.getDataset();
        assertEquals(2, data.getSeriesCount());
        int clipped = 0;
        for (int i = 0; i < 200; i++) {
            clipped += s.gradNorm()[i] > THRESHOLD ? 1 : 0;
        }
        assertTrue(clipped > 20);
        assertEquals(clipped, s.clippedSteps());
        assertEquals(clipped, data.getItemCount(1));
        assertTrue(data.getSeriesKey(1).toString().startsWith(TrainingFigures.CLIPPED_KEY + " (" + clipped + ")"));
        for (int k = 0; k < data.getItemCount(1); k++) {
            assertTrue(data.getYValue(1, k) > THRESHOLD, "a marked step is above the threshold");
        }
        ValueMarker threshold = onlyMarker(plot.getRangeMarkers(0, Layer.BACKGROUND));
        assertEquals(THRESHOLD, threshold.getValue(), 0);

        XYPlot off = TrainingFigures.gradientNorm(snapshot(200, false, true)).getXYPlot();
        assertEquals(1, off.getDataset().getSeriesCount());
        assertNull(off.getRangeMarkers(0, Layer.BACKGROUND));
    }

    @Test
    void theHeatmapHasAColumnPerPointAndARowPerPosition() {
        TrainingSnapshot s = snapshot(90, true, true);
        JFreeChart chart = TrainingFigures.heatmap(s);
        ColourBarPlot plot = (ColourBarPlot) chart.getPlot();
        XYPlot panel = plot.panels().getSubplots().get(0);
        CellGrid grid = (CellGrid) panel.getAnnotations().get(0);
        assertEquals(90, grid.columns());
        assertEquals(T + 1, grid.rows());
        assertEquals(s.gradByTime()[5 * (T + 1) + 7], grid.value(5, 7), 0);
        assertEquals(1, plot.bars().size());
        // column i covers training steps [i - 0.5, i + 0.5] at stride 1
        assertEquals(new Rectangle2D.Double(-0.5, -0.5, 90, T + 1), grid.bounds());
    }

    @Test
    void aStrideWidensTheColumnsToTheirStepsOnTheAxis() {
        TrainingSnapshot one = snapshot(40, true, true);
        int stride = 8;
        double[] step = new double[40];
        for (int i = 0; i < 40; i++) {
            step[i] = i * stride + 0.5 * (stride - 1);
        }
        TrainingSnapshot s = new TrainingSnapshot(one.title(), 40 * stride, stride, step, one.loss(), one.accuracy(),
                one.gradNorm(), one.clipped(), one.evalStep(), one.evalLoss(), one.evalAccuracy(), one.baseline(),
                one.baselineLabel(), one.clipThreshold(), T, one.gradByTime(), "W_h", one.initialRe(),
                one.initialIm(), one.currentRe(), one.currentIm());
        ColourBarPlot plot = (ColourBarPlot) TrainingFigures.heatmap(s).getPlot();
        CellGrid grid = (CellGrid) plot.panels().getSubplots().get(0).getAnnotations().get(0);
        assertEquals(new Rectangle2D.Double(-0.5, -0.5, 40 * stride, T + 1), grid.bounds());
        assertEquals(40 * stride - 0.5, plot.panels().getDomainAxis().getUpperBound(), 0);
    }

    @Test
    void theSpectrumShowsInitialAndCurrentEigenvaluesAtEqualScales() {
        TrainingSnapshot s = snapshot(10, true, true);
        JFreeChart chart = TrainingFigures.spectrum(s);
        XYPlot plot = chart.getXYPlot();
        assertEquals(2, plot.getDataset().getSeriesCount());
        assertEquals(8, plot.getDataset().getItemCount(0));
        assertEquals(8, plot.getDataset().getItemCount(1));
        assertEquals(1.1, Math.hypot(plot.getDataset().getXValue(1, 2), plot.getDataset().getYValue(1, 2)), 1e-12);
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage img = new BufferedImage(1200, 700, BufferedImage.TYPE_INT_RGB);
        chart.draw(img.createGraphics(), new Rectangle2D.Double(0, 0, 1200, 700), info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        double xPerUnit = area.getWidth() / plot.getDomainAxis().getRange().getLength();
        double yPerUnit = area.getHeight() / plot.getRangeAxis().getRange().getLength();
        assertEquals(xPerUnit, yPerUnit, 1e-6 * xPerUnit, "a circle is drawn as a circle");
        assertTrue(plot.getRangeAxis().getRange().contains(1.1 * 1.1), "the outermost eigenvalue is in view");
    }

    private static ValueMarker onlyMarker(Collection<?> markers) {
        assertNotNull(markers);
        assertEquals(1, markers.size());
        return (ValueMarker) (Marker) markers.iterator().next();
    }
}
