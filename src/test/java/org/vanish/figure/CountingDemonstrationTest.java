package org.vanish.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.vanish.lecture.Counting;
import org.vanish.lecture.Parameter;

class CountingDemonstrationTest {
    private final CountingDemonstration demo = new CountingDemonstration();

    @Test
    void thePanelsDrawBothCellsStatesTheBoundaryAndTheBreak() {
        Map<String, Double> s = Parameter.settings(demo.parameters(), Map.of("n", 60.0, "nMax", 200.0));
        Demonstration.Shown shown = demo.show(Demonstration.Input.none(), s, () -> false);
        Counting.Result r = Counting.run(60, 200, s.get("gateBias"), s.get("gruUpdateBias"), s.get("resolution"),
                () -> false);
        List<XYPlot> panels = ((CombinedDomainXYPlot) shown.chart().getPlot()).getSubplots();
        assertEquals(2, panels.size());
        Counting.Counter[] cells = {r.lstm(), r.gru()};
        for (int i = 0; i < 2; i++) {
            XYPlot p = panels.get(i);
            XYSeriesCollection data = (XYSeriesCollection) p.getDataset();
            double[] states = cells[i].shown();
            assertEquals(121, data.getSeries(0).getItemCount());
            for (int t = 0; t <= 120; t++) {
                assertEquals(states[t], data.getSeries(0).getY(t).doubleValue(), 0.0);
            }
            assertEquals(60, ((ValueMarker) p.getDomainMarkers(Layer.FOREGROUND).iterator().next())
                    .getValue());
            Counting.Failure f = cells[i].shownFailure();
            // the LSTM counts a^60 b^60, the GRU breaks early: a cross marks where
            assertEquals(f == null ? 1 : 2, data.getSeriesCount());
            if (f != null) {
                assertEquals(f.step(), data.getSeries(1).getX(0).intValue());
                assertEquals(states[f.step()], data.getSeries(1).getY(0).doubleValue(), 0.0);
            }
        }
        assertTrue(r.lstm().shownFailure() == null && r.gru().shownFailure() != null);
    }

    @Test
    void theExplanationSaysHowFarEachCellCounts() {
        Map<String, Double> s = Parameter.settings(demo.parameters(), Map.of("gateBias", 12.0, "nMax", 300.0));
        String text = demo.show(Demonstration.Input.none(), s, () -> false).explanation();
        Counting.Result r = Counting.run(100, 300, 12, s.get("gruUpdateBias"), s.get("resolution"), () -> false);
        assertTrue(r.lstm().countsTo() < 300, "β = 12 must show the LSTM's own limit");
        assertTrue(text.contains("LSTM: f = 1 − " + Plots.power(Math.log10(1 - r.lstm().keep()))), text);
        assertTrue(text.contains("it counts up to n = " + r.lstm().countsTo() + "; at n = "
                + (r.lstm().countsTo() + 1)), text);
        assertTrue(text.contains("it " + CountingDemonstration.counts(r.gru(), 300)), text);
        assertTrue(text.endsWith("Weiss, Goldberg & Yahav 2018, Figure 1; UW LING 575 (Steinert-Threlkeld 2022; Downey 2023)."), text);
    }

    @Test
    void aChangedGateBiasIsCountedAgainNotTakenFromTheLastResult() {
        Map<String, Double> s = new HashMap<>(Parameter.settings(demo.parameters(), Map.of("nMax", 100.0)));
        assertTrue(demo.show(Demonstration.Input.none(), s, () -> false).explanation()
                .contains("it counts every n ≤ 100"));
        s.put("gateBias", 10.0);
        s.put("n", 20.0);
        String text = demo.show(Demonstration.Input.none(), s, () -> false).explanation();
        int expected = Counting.run(1, 100, 10, s.get("gruUpdateBias"), s.get("resolution"), () -> false).lstm()
                .countsTo();
        assertTrue(expected < 100);
        assertTrue(text.contains("it counts up to n = " + expected), text);
    }
}
