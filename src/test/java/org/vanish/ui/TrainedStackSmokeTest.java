package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vanish.ui.FxWait.awaitFx;
import static org.vanish.ui.FxWait.onFx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vanish.engine.RunResult;
import org.vanish.figure.LayerChoice;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;

/** The shipped trained two-layer LSTM opens in the dashboard and shows its gradients per layer, live. */
@ExtendWith(ApplicationExtension.class)
class TrainedStackSmokeTest {
    private static final Path TRAINED = Path.of("presets", "keys-trained-lstm.json");

    private ExecutorService compute;
    private DashboardViewModel viewModel;
    private TestDashboard dashboard;
    private Parent root;

    @Start
    void start(Stage stage) throws IOException {
        compute = Executors.newSingleThreadExecutor();
        dashboard = TestDashboard.show(stage, compute, TRAINED);
        viewModel = dashboard.viewModel;
        root = dashboard.root;
    }

    @AfterEach
    void stopComputing() throws Exception {
        compute.shutdownNow();
        dashboard.close();
    }

    private static List<String> keys(ChartViewer viewer) {
        XYDataset d = viewer.getChart().getXYPlot().getDataset(0);
        List<String> out = new ArrayList<>();
        for (int s = 0; s < d.getSeriesCount(); s++) {
            out.add(d.getSeriesKey(s).toString());
        }
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTrainedLstmShowsItsGradientPerLayerAndOneLayerOnChoice(FxRobot robot) throws Exception {
        robot.interact(() -> DashboardView.selectView(root, "gradient-norm"));
        ChartViewer viewer = robot.lookup("#view-gradient-norm").queryAs(ChartViewer.class);
        List<String> all = List.of("lstm trained · layer 1", "lstm trained · layer 2", "lstm untrained · layer 1",
                "lstm untrained · layer 2");
        awaitFx(() -> viewer.getChart() != null && keys(viewer).equals(all));
        RunResult trained = onFx(() -> viewModel.getResults().get(0));
        XYDataset d = onFx(() -> viewer.getChart().getXYPlot().getDataset(0));
        int steps = trained.spec().steps();
        for (int layer = 0; layer < 2; layer++) {
            double[] engine = trained.layers().get(layer).series().gradNorm;
            assertEquals(steps + 1, d.getItemCount(layer));
            for (int t = 0; t <= steps; t++) {
                assertEquals(engine[t], d.getYValue(layer, t), 0.0, "layer " + (layer + 1) + ", t = " + t);
            }
        }
        assertFalse(engine(trained, 0)[0] == engine(trained, 1)[0], "two layers, two curves");

        ComboBox<LayerChoice> box = robot.lookup("#layerBox-gradient-norm").queryAs(ComboBox.class);
        assertTrue(onFx(box::isVisible), "a stacked preset offers the chooser");
        robot.interact(() -> box.setValue(new LayerChoice(2, false)));
        awaitFx(() -> keys(viewer).equals(List.of("lstm trained · layer 2", "lstm untrained · layer 2")));

        Label note = robot.lookup("#weightsNote").queryAs(Label.class);
        assertTrue(onFx(note::isVisible));
        assertTrue(onFx(note::getText).startsWith("lstm trained: weights from the file"));
        assertFalse(onFx(() -> robot.lookup("#initBox").query().isDisabled()), "init still draws the untrained twin");
    }

    @Test
    void aTrainedNetworkAloneDisablesWhatDrawsNothingAndSaysWhy(FxRobot robot) throws Exception {
        Preset file = PresetCodec.read(TRAINED);
        robot.interact(() -> viewModel.setPreset(file.withRuns(List.of(file.runs().get(0)))));
        awaitFx(() -> viewModel.getResults().size() == 1);
        for (String id : List.of("#initBox", "#gainSlider", "#gainField", "#seedField", "#layersSlider",
                "#bidirectionalCheck", "#bfSlider")) {
            assertTrue(onFx(() -> robot.lookup(id).query().isDisabled()), id);
        }
        assertFalse(onFx(() -> robot.lookup("#scaleSlider").query().isDisabled()), "W scale still scales");
        Label init = onFx(() -> robot.lookup(".control-label").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().equals("init")).findFirst().orElseThrow());
        assertNotNull(onFx(init::getTooltip), "the row's name says why on hover");
        assertTrue(onFx(() -> init.getTooltip().getText()).startsWith("This network's weights come from the file"));
    }

    private static double[] engine(RunResult r, int unit) {
        return r.layers().get(unit).series().gradNorm;
    }
}
