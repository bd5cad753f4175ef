package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vanish.ui.FxWait.awaitFx;
import static org.vanish.ui.FxWait.onFx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
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
    private Preferences prefs;
    private Parent root;

    @Start
    void start(Stage stage) throws IOException {
        compute = Executors.newSingleThreadExecutor();
        viewModel = new DashboardViewModel(compute, Platform::runLater);
        assertTrue(viewModel.load(Path.of("presets/cliff-clipping.json")));
        prefs = Preferences.userRoot().node("org/vanish/test-" + UUID.randomUUID());
        root = DashboardView.load(viewModel, new RecentFiles(prefs));
        stage.setScene(new Scene(root, 1280, 800));   // the headless screen is 1280×800
        stage.show();
        stage.requestFocus();
    }

    @AfterEach
    void stopComputing() throws Exception {
        compute.shutdownNow();
        prefs.removeNode();
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

        double w0 = viewModel.currentPreset().demo().get("w0");
        java.awt.geom.Rectangle2D area = onFx(() -> viewer.getRenderingInfo().getPlotInfo().getDataArea());
        javafx.geometry.Point2D centre = onFx(() -> viewer.localToScreen(area.getCenterX(), area.getCenterY()));
        robot.clickOn(centre);
        awaitFx(() -> viewModel.currentPreset().demo().get("w0") != w0);
        assertNotEquals(w0, viewModel.currentPreset().demo().get("w0"));
        robot.interact(viewModel::undo);
        assertEquals(w0, viewModel.currentPreset().demo().get("w0"));

        robot.clickOn("▶");   // the next demonstration on the same preset (Page Down steps the lecture deck instead)
        awaitFx(() -> "counting".equals(viewModel.viewProperty().get()));
        awaitFx(() -> explanation.getText().contains("Weiss"));
    }
}
