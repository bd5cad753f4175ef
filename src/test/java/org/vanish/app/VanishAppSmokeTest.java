package org.vanish.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vanish.ui.FxWait.awaitFx;
import static org.vanish.ui.FxWait.onFx;

import java.io.IOException;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vanish.engine.CellType;

/**
 * The app opened with --tab training shows the lab tab, and its Step button trains one step; a lab preset opens
 * the lab with its settings.
 */
@ExtendWith(ApplicationExtension.class)
class VanishAppSmokeTest {
    private final VanishApp app = new VanishApp();
    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
    }

    private void open(FxRobot robot, String... args) {
        robot.interact(() -> {
            try {
                app.open(stage, List.of(args));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            stage.requestFocus();
        });
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void theTrainingTabOpensAndStepAdvancesTheStatus(FxRobot robot) throws Exception {
        open(robot, "--tab", "training");
        TabPane tabs = robot.lookup(".app-tabs").queryAs(TabPane.class);
        assertEquals("Training lab", tabs.getSelectionModel().getSelectedItem().getText());
        Label status = robot.lookup("#labStatus").queryAs(Label.class);
        assertTrue(status.getText().startsWith("ready · step 0"), status.getText());

        robot.clickOn("#stepButton");

        awaitFx(() -> status.getText().startsWith("paused · step 1 · loss "));
    }

    @Test
    void aLabPresetOpensTheLabWithItsSettings(FxRobot robot) {
        open(robot, "--preset", "presets/adding-lstm.json");
        TabPane tabs = robot.lookup(".app-tabs").queryAs(TabPane.class);
        assertEquals("Training lab", tabs.getSelectionModel().getSelectedItem().getText());
        assertEquals(CellType.LSTM, robot.lookup("#cellBox").queryAs(ComboBox.class).getValue());
        assertEquals("0.0030", robot.lookup("#learningRateField").queryAs(TextField.class).getText());
        assertEquals("", robot.lookup("#labError").queryAs(Label.class).getText());
    }

    @Test
    void theLabsKeysWorkOnceItsTabIsChosenAndTheDashboardsShortcutsStayWithTheDashboard(FxRobot robot)
            throws Exception {
        open(robot);
        TextField scale = robot.lookup("#scaleField").queryAs(TextField.class);
        robot.interact(() -> {
            scale.requestFocus();
            scale.selectAll();
        });
        robot.write("1.3").type(javafx.scene.input.KeyCode.ENTER);
        assertEquals("1.30", onFx(scale::getText));

        robot.clickOn("Training lab");
        robot.type(javafx.scene.input.KeyCode.S);   // Step, with the focus where choosing the tab left it
        Label status = robot.lookup("#labStatus").queryAs(Label.class);
        awaitFx(() -> status.getText().startsWith("paused · step 1 · loss "));
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("1.30", onFx(scale::getText), "Ctrl+Z on the lab must not undo the hidden dashboard's change");
    }
}
