package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vanish.ui.FxWait.awaitFx;
import static org.vanish.ui.FxWait.onFx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class DashboardViewSmokeTest {
    private static final int DEFAULT_RUNS = 4;

    private ExecutorService compute;
    private DashboardViewModel viewModel;
    private TestDashboard dashboard;

    @Start
    void start(Stage stage) throws IOException {
        compute = Executors.newSingleThreadExecutor();
        dashboard = TestDashboard.show(stage, compute, null);
        viewModel = dashboard.viewModel;
    }

    @AfterEach
    void stopComputing() throws Exception {
        compute.shutdownNow();
        dashboard.close();
    }

    @Test
    void movingTheSliderRedrawsTheChart(FxRobot robot) throws Exception {
        ChartViewer viewer = robot.lookup("#view-gradient-norm").queryAs(ChartViewer.class);
        Slider slider = robot.lookup("#scaleSlider").queryAs(Slider.class);
        awaitFx(() -> viewer.getChart() != null && seriesCount(viewer) == DEFAULT_RUNS);
        double before = onFx(() -> rnnAtZero(viewer));

        robot.interact(() -> slider.setValue(2.5));

        awaitFx(() -> rnnAtZero(viewer) != before);
        assertTrue(onFx(() -> rnnAtZero(viewer)) > before);
        String summary = robot.lookup(".run-label").queryAs(Label.class).getText();
        assertEquals("rnn tanh", summary);
    }

    @Test
    void aControlGetsItsTooltipFromItsHelpWhenThePointerFirstEntersIt(FxRobot robot) throws Exception {
        Slider slider = robot.lookup("#scaleSlider").queryAs(Slider.class);
        String help = onFx(slider::getAccessibleHelp);
        assertTrue(help.startsWith("Multiplies every recurrent matrix"), help);
        assertEquals(null, onFx(slider::getTooltip), "no tooltip made before it is needed");

        robot.moveTo(slider);

        awaitFx(() -> slider.getTooltip() != null);
        assertEquals(help, onFx(() -> slider.getTooltip().getText()));
    }

    @Test
    void theArrowKeysAndTheFieldMoveTheScale(FxRobot robot) throws Exception {
        Slider slider = robot.lookup("#scaleSlider").queryAs(Slider.class);
        TextField field = robot.lookup("#scaleField").queryAs(TextField.class);
        robot.interact(slider::requestFocus);

        robot.type(KeyCode.RIGHT);

        assertEquals(1.05, viewModel.getScale(), 1e-9);
        assertEquals("1.05", field.getText());

        robot.interact(() -> {
            field.requestFocus();
            field.selectAll();
        });
        robot.write("0.4").type(KeyCode.ENTER);

        assertEquals(0.4, viewModel.getScale(), 1e-9);
        assertEquals(0.4, slider.getValue(), 1e-9);
        awaitFx(() -> viewModel.getResults().get(0).spec().scale() == 0.4);
    }

    @Test
    void aBadTypedValueShowsAMessageAndKeepsThePicture(FxRobot robot) throws Exception {
        ChartViewer viewer = robot.lookup("#view-gradient-norm").queryAs(ChartViewer.class);
        awaitFx(() -> viewer.getChart() != null);
        TextField field = robot.lookup("#stepsField").queryAs(TextField.class);
        Label message = robot.lookup("#stepsMessage").queryAs(Label.class);
        Object chartBefore = onFx(viewer::getChart);

        robot.interact(() -> {
            field.requestFocus();
            field.selectAll();
        });
        robot.write("99999").type(KeyCode.ENTER);

        assertTrue(message.isVisible());
        assertEquals("sequence length T is a whole number from 1 to 10000; 99999 is out of range", message.getText());
        assertEquals(200, viewModel.getPreset().steps());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(chartBefore, onFx(viewer::getChart));

        robot.interact(() -> field.selectAll());
        robot.write("50").type(KeyCode.ENTER);
        assertFalse(message.isVisible());
        awaitFx(() -> viewModel.getResults().get(0).series().gradNorm.length == 51);
        awaitFx(() -> viewer.getChart().getXYPlot().getDataset().getItemCount(0) == 51);
    }

    /** A preset naming a view that does not exist opens, and the error line says so; before, nothing was said. */
    @Test
    void aPresetsUnknownViewIsNamedInTheErrorLine(FxRobot robot, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("pie.json");
        Files.writeString(file, "{\"name\": \"pie\", \"steps\": 30, \"hiddenSize\": 8, \"view\": \"pie\"}");
        robot.interact(() -> assertTrue(viewModel.load(file)));
        WaitForAsyncUtils.waitForFxEvents();
        String error = viewModel.errorProperty().get();
        assertTrue(error.startsWith("view: \"pie\" is not a view; the views are gradient-norm, "), error);
        awaitFx(() -> viewModel.getResults().size() == 1);
        assertEquals(error, viewModel.errorProperty().get(), "the analysis keeps the line");
        // a known view says nothing
        Path words = dir.resolve("spectrum.json");
        Files.writeString(words, "{\"name\": \"s\", \"steps\": 30, \"hiddenSize\": 8, \"view\": \"spectrum\"}");
        robot.interact(() -> assertTrue(viewModel.load(words)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", viewModel.errorProperty().get());
    }

    @Test
    void openingAPresetFillsTheControlsAndSaveAsWritesIt(FxRobot robot, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("small.json");
        Files.writeString(file, "{\"name\": \"small\", \"steps\": 30, \"hiddenSize\": 8, \"cell\": \"gru\","
                + " \"biases\": {\"b_u\": -1.5}}");

        robot.interact(() -> assertTrue(viewModel.load(file)));

        assertEquals("30", robot.lookup("#stepsField").queryAs(TextField.class).getText());
        assertEquals("8", robot.lookup("#hiddenField").queryAs(TextField.class).getText());
        assertEquals("-1.50", robot.lookup("#buField").queryAs(TextField.class).getText());
        assertTrue(robot.lookup("#gruCheck").queryAs(CheckBox.class).isSelected());
        assertFalse(robot.lookup("#rnnCheck").queryAs(CheckBox.class).isSelected());
        assertEquals("Vanish — small", viewModel.titleProperty().get());

        robot.interact(() -> robot.lookup("#rnnCheck").queryAs(CheckBox.class).setSelected(true));
        assertEquals("Vanish — small *", viewModel.titleProperty().get());
        awaitFx(() -> viewModel.getResults().size() == 2);
        Path saved = dir.resolve("saved.json");
        robot.interact(() -> assertTrue(viewModel.saveAs(saved)));
        assertEquals("Vanish — small", viewModel.titleProperty().get());
        assertTrue(Files.readString(saved).contains("\"cell\" : \"rnn\""));
    }

    @Test
    void theOtherViewsDrawTheJacobianProductsWhenSelected(FxRobot robot) throws Exception {
        awaitFx(() -> !viewModel.getFullResults().isEmpty());
        robot.interact(() -> robot.lookup(".tab-pane").queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel().select(1));
        ChartViewer viewer = robot.lookup("#view-jacobian-product").queryAs(ChartViewer.class);
        awaitFx(() -> viewer.getChart() != null && seriesCount(viewer) == DEFAULT_RUNS);
        assertNotEquals(0, onFx(() -> viewer.getChart().getXYPlot().getDataset().getItemCount(0)));
    }

    private static int seriesCount(ChartViewer viewer) {
        XYPlot plot = viewer.getChart().getXYPlot();
        return plot.getDataset().getSeriesCount();
    }

    private static double rnnAtZero(ChartViewer viewer) {
        return viewer.getChart().getXYPlot().getDataset().getYValue(0, 0);
    }

    @Test
    void selectingTheHeatmapTabShowsAChartOfTheChosenRun(FxRobot robot) throws Exception {
        awaitFx(() -> !viewModel.getResults().isEmpty());
        assertTrue(viewModel.getHeatmapResults().isEmpty(), "nothing per unit before the tab is selected");
        // a tab's chart and choosers are built when it is first shown, not at the start
        assertTrue(robot.lookup("#view-heatmap").tryQuery().isEmpty(), "the heatmap's chart is made when first shown");
        assertTrue(robot.lookup("#heatmapRunBox").tryQuery().isEmpty());

        robot.clickOn("Heatmap");

        ChartViewer viewer = robot.lookup("#view-heatmap").queryAs(ChartViewer.class);
        awaitFx(() -> viewer.getChart() != null);
        assertEquals("rnn tanh", viewModel.getHeatmapResults().get(0).spec().label());
        javafx.scene.control.ComboBox<?> runs = robot.lookup("#heatmapRunBox").queryAs(javafx.scene.control.ComboBox.class);
        assertEquals("rnn tanh", onFx(runs::getValue));
        Object before = onFx(viewer::getChart);
        robot.interact(() -> viewModel.heatmapRunProperty().set("lstm"));
        awaitFx(() -> viewer.getChart() != before);
        assertEquals("lstm", onFx(runs::getValue));
        assertEquals("lstm", viewModel.getHeatmapResults().get(0).spec().label());
    }

    @Test
    void choosingPhiRelabelsTheRunsAndShowsCurvesThatBecomeEqual(FxRobot robot) throws Exception {
        ChartViewer viewer = robot.lookup("#view-gradient-norm").queryAs(ChartViewer.class);
        awaitFx(() -> viewer.getChart() != null);
        robot.interact(() -> {
            org.vanish.preset.Preset p = viewModel.getPreset();
            org.vanish.preset.RunConfig rnn = p.runs().get(0);
            viewModel.setPreset(p.withRuns(java.util.List.of(
                    rnn.withActivation(org.vanish.engine.Activation.TANH, "rnn tanh ×1.5"),
                    rnn.withActivation(org.vanish.engine.Activation.RELU, "rnn relu ×1.5"))));
        });
        awaitFx(() -> viewer.getChart() != null && seriesCount(viewer) == 2);
        @SuppressWarnings("unchecked")
        javafx.scene.control.ChoiceBox<org.vanish.engine.Activation> phi =
                robot.lookup("#activationBox").queryAs(javafx.scene.control.ChoiceBox.class);

        robot.interact(() -> phi.setValue(org.vanish.engine.Activation.RELU));

        assertEquals(java.util.List.of("rnn relu ×1.5", "rnn relu ×1.5"),
                viewModel.getPreset().runs().stream().map(org.vanish.preset.RunConfig::label).toList());
        awaitFx(() -> legend(viewer).size() == 2 && legend(viewer).get(1).contains("(= "));
        java.util.List<String> labels = onFx(() -> legend(viewer));
        assertTrue(labels.get(0).startsWith("rnn relu ×1.5"), labels.toString());
        // the second curve is drawn dashed over the first, which it would otherwise hide
        assertTrue(onFx(() -> viewer.getChart().getXYPlot().getRenderer(0).getSeriesStroke(1))
                instanceof java.awt.BasicStroke b && b.getDashArray() != null);
    }

    @Test
    void escPutsBackTheValueAndCtrlZAfterTypingUndoesIt(FxRobot robot) throws Exception {
        TextField field = robot.lookup("#stepsField").queryAs(TextField.class);
        Label message = robot.lookup("#stepsMessage").queryAs(Label.class);
        robot.interact(() -> {
            field.requestFocus();
            field.selectAll();
        });
        robot.write("abc").type(KeyCode.ENTER);
        assertTrue(message.isVisible());

        robot.type(KeyCode.ESCAPE);

        assertEquals("200", field.getText());
        assertFalse(message.isVisible());

        robot.interact(field::selectAll);
        robot.write("50").type(KeyCode.ENTER);
        assertEquals(50, viewModel.getPreset().steps());

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);

        assertEquals(200, viewModel.getPreset().steps());
        assertEquals("200", field.getText());
    }

    /** The gradient view's legend labels (on the FX thread). */
    private static java.util.List<String> legend(ChartViewer viewer) {
        java.util.List<String> out = new java.util.ArrayList<>();
        org.jfree.chart.LegendItemCollection items = viewer.getChart().getXYPlot().getFixedLegendItems();
        for (int i = 0; i < items.getItemCount(); i++) {
            out.add(items.get(i).getLabel());
        }
        return out;
    }
}
