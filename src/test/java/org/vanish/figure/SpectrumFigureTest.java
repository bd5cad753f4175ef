package org.vanish.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.Test;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;

class SpectrumFigureTest {
    @Test
    void runsThatDrewTheSameMatrixShareOneSeries() throws Exception {
        // rnn, additive and gru draw W_h from one seed: one matrix, one series
        List<RunResult> runs = FigureFixtures.analyze(FigureFixtures.FOUR_CELLS, Quantities.LIVE);
        List<SpectrumFigure.Group> groups = SpectrumFigure.groups(runs);
        assertEquals(2, groups.size());
        assertEquals(List.of(0, 1, 3), groups.get(0).runs());
        assertEquals("rnn tanh, additive, gru (W_h)", groups.get(0).label());
        assertEquals(List.of(2), groups.get(1).runs());
        assertTrue(groups.get(1).matrix().startsWith("W_"), groups.get(1).matrix());
        assertEquals(8, groups.get(0).spectrum().eigenvalues.length);
    }

    @Test
    void theCircularLawRadiusIsGainTimesScaleAndOneOverGammaLinesArePerNonlinearity() throws Exception {
        List<RunResult> runs = FigureFixtures.analyze(FigureFixtures.FOUR_CELLS, Quantities.LIVE);
        List<SpectrumFigure.Group> groups = SpectrumFigure.groups(runs);
        assertEquals(Set.of(0.8), SpectrumFigure.circularLawRadii(runs, groups));
        JFreeChart chart = new SpectrumFigure().chart(runs);
        SideBySidePlot plot = (SideBySidePlot) chart.getPlot();
        List<Double> lines = new ArrayList<>();
        for (Object m : plot.right().getRangeMarkers(Layer.BACKGROUND)) {
            lines.add(((ValueMarker) m).getValue());
        }
        // tanh (rnn, additive, the gru's candidate W_h) and σ (the lstm's gate matrix)
        assertEquals(List.of(4.0, 1.0), lines);
        for (Object m : plot.right().getRangeMarkers(Layer.BACKGROUND)) {
            assertTrue(((Marker) m).getLabel().startsWith("1/γ = "));
        }
    }

    @Test
    void theComplexPlaneHasOneScaleOnBothAxes() throws Exception {
        List<RunResult> runs = FigureFixtures.analyze(FigureFixtures.FOUR_CELLS, Quantities.LIVE);
        JFreeChart chart = new SpectrumFigure().chart(runs);
        org.jfree.chart.ChartRenderingInfo info = new org.jfree.chart.ChartRenderingInfo();
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(1600, 900,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g2 = img.createGraphics();
        chart.draw(g2, new java.awt.geom.Rectangle2D.Double(0, 0, 1600, 900), info);
        g2.dispose();
        java.awt.geom.Rectangle2D data = info.getPlotInfo().getSubplotInfo(0).getDataArea();
        SideBySidePlot plot = (SideBySidePlot) chart.getPlot();
        double xPerPx = plot.left().getDomainAxis().getRange().getLength() / data.getWidth();
        double yPerPx = plot.left().getRangeAxis().getRange().getLength() / data.getHeight();
        assertEquals(1.0, xPerPx / yPerPx, 0.02);
    }
}
