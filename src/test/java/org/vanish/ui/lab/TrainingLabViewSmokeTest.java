package org.vanish.ui.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vanish.ui.FxWait.awaitFx;

import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vanish.ui.RecentFiles;

/** The lab in a headless window with the real trainer: Step advances the status, the views are drawn, S steps. */
@ExtendWith(ApplicationExtension.class)
class TrainingLabViewSmokeTest {

    private TrainingLabViewModel viewModel;
    private Preferences prefs;

    @Start
    void start(Stage stage) {
        viewModel = new TrainingLabViewModel(Platform::runLater);
        // small enough that a step takes milliseconds
        viewModel.settings().hiddenSizeProperty().set(8);
        viewModel.settings().lengthProperty().set(10);
        viewModel.settings().datasetSizeProperty().set(256);
        prefs = Preferences.userRoot().node("org/vanish/test-" + UUID.randomUUID());
        stage.setScene(new Scene(new TrainingLabView(viewModel, new RecentFiles(prefs)), 1280, 800));
        stage.show();
        stage.requestFocus();
    }

    @AfterEach
    void stop() throws Exception {
        viewModel.close();
        prefs.removeNode();
    }

    @Test
    void stepAdvancesTheStatusAndDrawsTheViews(FxRobot robot) throws Exception {
        Label status = robot.lookup("#labStatus").queryAs(Label.class);
        assertTrue(status.getText().startsWith("ready · step 0"), status.getText());

        robot.clickOn("#stepButton");

        awaitFx(() -> status.getText().startsWith("paused · step 1 · loss "));
        ImageView loss = robot.lookup("#lab-view-0").queryAs(ImageView.class);
        awaitFx(() -> loss.getImage() != null && viewModel.snapshotProperty().get().stepsDone() == 1);
        assertTrue(loss.getImage().getWidth() > 100);

        robot.clickOn("#labStatus");   // the focus away from the button: S and Space go to the lab
        robot.type(KeyCode.S);
        awaitFx(() -> viewModel.stepsProperty().get() == 2);
        robot.type(KeyCode.SPACE);
        awaitFx(() -> viewModel.stepsProperty().get() > 4);
        robot.type(KeyCode.SPACE);
        awaitFx(() -> viewModel.stateProperty().get() == TrainingLabViewModel.State.PAUSED);
    }

    @Test
    void typingInAFieldDoesNotStepAndAChangeResets(FxRobot robot) throws Exception {
        robot.clickOn("#stepButton");
        awaitFx(() -> viewModel.stepsProperty().get() == 1);
        TextField seed = robot.lookup("#seedField").queryAs(TextField.class);
        robot.interact(() -> {
            seed.requestFocus();
            seed.selectAll();
        });
        robot.write("5").type(KeyCode.ENTER);
        assertEquals(5, viewModel.settings().seedProperty().get());
        assertEquals(0, viewModel.stepsProperty().get());
        Label status = robot.lookup("#labStatus").queryAs(Label.class);
        assertTrue(status.getText().endsWith("settings changed: reset to step 0"), status.getText());
    }
}
