package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vanish.ui.FxWait.awaitFx;
import static org.vanish.ui.FxWait.onFx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The lecture's tab in a window: a preset opens on its demonstration, settings and clicks drive it. */
@ExtendWith(ApplicationExtension.class)
class LectureViewSmokeTest {

    private ExecutorService compute;
    private DashboardViewModel viewModel;
    private TestDashboard dashboard;

    @Start
    void start(Stage stage) throws IOException {
        compute = Executors.newSingleThreadExecutor();
        dashboard = TestDashboard.show(stage, compute, Path.of("presets/cliff-clipping.json"));
        viewModel = dashboard.viewModel;
    }

    @AfterEach
    void stopComputing() throws Exception {
        compute.shutdownNow();
        dashboard.close();
    }

    @Test
    void aPresetOpensOnItsDemonstrationWhoseSettingsAndClicksDriveIt(FxRobot robot) throws Exception {
        ChartViewer viewer = robot.lookup("#lectureChart").queryAs(ChartViewer.class);
        Label explanation = robot.lookup("#lectureExplanation").queryAs(Label.class);
        awaitFx(() -> viewer.getChart() != null && !explanation.getText().isEmpty());
        assertTrue(explanation.getText().contains("Pascanu"), explanation.getText());
        Node controls = robot.lookup(".controls-panel").query();
        assertFalse(onFx(controls::isVisible), "the run controls do not apply to the cliff");

        TextField threshold = robot.lookup("#demo-threshold").queryAs(TextField.class);
        robot.interact(() -> {
            threshold.requestFocus();
            threshold.selectAll();
        });
        robot.write("0.5").type(KeyCode.ENTER);
        awaitFx(() -> explanation.getText().contains("clipping at 0.5"));
        assertEquals(0.5, viewModel.currentPreset().demo().get("threshold"));
        assertEquals("cliff", viewModel.currentPreset().view());
        javafx.scene.control.Slider thresholdSlider = robot.lookup("#demo-threshold-slider")
                .queryAs(javafx.scene.control.Slider.class);
        NumberSpec thresholdSpec = LectureView.spec(org.vanish.figure.Demonstrations.byName("cliff").orElseThrow()
                .parameters().stream().filter(p -> p.key().equals("threshold")).findFirst().orElseThrow());
        assertEquals(thresholdSpec.toSlider(0.5), onFx(thresholdSlider::getValue), 1e-9,
                "the slider's thumb follows a typed value");

        double w0 = viewModel.currentPreset().demo().get("w0");
        java.awt.geom.Rectangle2D area = onFx(() -> viewer.getRenderingInfo().getPlotInfo().getDataArea());
        javafx.geometry.Point2D centre = onFx(() -> viewer.localToScreen(area.getCenterX(), area.getCenterY()));
        robot.clickOn(centre);
        awaitFx(() -> viewModel.currentPreset().demo().get("w0") != w0);
        assertNotEquals(w0, viewModel.currentPreset().demo().get("w0"));
        javafx.scene.control.Slider w0Slider = robot.lookup("#demo-w0-slider").queryAs(javafx.scene.control.Slider.class);
        NumberSpec w0Spec = LectureView.spec(org.vanish.figure.Demonstrations.byName("cliff").orElseThrow()
                .parameters().stream().filter(p -> p.key().equals("w0")).findFirst().orElseThrow());
        double clicked = viewModel.currentPreset().demo().get("w0");
        assertEquals(w0Spec.toSlider(clicked), onFx(w0Slider::getValue), 1e-9, "the thumb follows a click");
        robot.interact(viewModel::undo);
        assertEquals(w0, viewModel.currentPreset().demo().get("w0"));
        assertEquals(w0Spec.toSlider(w0), onFx(w0Slider::getValue), 1e-9, "the thumb follows undo");

        robot.clickOn("▶");   // the next demonstration on the same preset (Page Down steps the lecture deck instead)
        awaitFx(() -> "counting".equals(viewModel.viewProperty().get()));
        awaitFx(() -> explanation.getText().contains("Weiss"));
    }

    @Test
    void thePhaseDiagramsActivationIsAChoiceByName(FxRobot robot) throws Exception {
        robot.interact(() -> assertTrue(viewModel.load(Path.of("presets/phase-diagram.json"))));
        awaitFx(() -> robot.lookup("#demo-activation").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> phi = robot.lookup("#demo-activation")
                .queryAs(javafx.scene.control.ComboBox.class);
        double before = viewModel.currentPreset().demo().getOrDefault("activation", 0.0);
        assertEquals(phi.getItems().get((int) before), onFx(() -> phi.getSelectionModel().getSelectedItem()));
        robot.interact(() -> phi.getSelectionModel().select("relu"));
        awaitFx(() -> viewModel.currentPreset().demo().getOrDefault("activation", 0.0) == 3.0);
        ChartViewer viewer = robot.lookup("#lectureChart").queryAs(ChartViewer.class);
        awaitFx(() -> viewer.getChart() != null && viewer.getChart().getTitle().getText().contains("relu"));
        robot.interact(viewModel::undo);
        assertEquals(before, viewModel.currentPreset().demo().getOrDefault("activation", 0.0));
        assertEquals(phi.getItems().get((int) before), onFx(() -> phi.getSelectionModel().getSelectedItem()),
                "undo selects the option back");
    }
}
