package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vanish.ui.FxWait.awaitFx;
import static org.vanish.ui.FxWait.onFx;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vanish.importer.ModelImport;
import org.vanish.preset.RunConfig;

/**
 * File → Import model… in a window: the questions a checkpoint cannot answer are asked in dialogs, the answers
 * reach the importer, and a bad file is one line in the error line with nothing imported.
 */
@ExtendWith(ApplicationExtension.class)
class ImportModelDialogTest {
    private ExecutorService compute;
    private DashboardViewModel viewModel;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        compute = Executors.newSingleThreadExecutor();
        viewModel = new DashboardViewModel(compute, Platform::runLater);
        stage.setScene(new Scene(new StackPane(), 800, 600));
        stage.show();
    }

    @AfterEach
    void stop() {
        compute.shutdownNow();
    }

    /** The dialog pane of the newest dialog window showing header, once it is up. */
    private static DialogPane dialog(FxRobot robot, String header) throws Exception {
        awaitFx(() -> robot.listTargetWindows().stream().anyMatch(w -> header.equals(headerOf(w))));
        return onFx(() -> robot.listTargetWindows().stream().filter(w -> header.equals(headerOf(w)))
                .map(w -> (DialogPane) w.getScene().getRoot()).findFirst().orElseThrow());
    }

    private static String headerOf(Window w) {
        return w.getScene() != null && w.getScene().getRoot() instanceof DialogPane p ? p.getHeaderText() : null;
    }

    private static void press(FxRobot robot, DialogPane pane, String text) {
        ButtonType type = pane.getButtonTypes().stream().filter(b -> b.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + text + " in " + pane.getButtonTypes()));
        robot.interact(() -> ((javafx.scene.control.Button) pane.lookupButton(type)).fire());
    }

    @Test
    void theTrainedLstmIsImportedWithTheChosenLogitAsItsReadout(FxRobot robot) throws Exception {
        AtomicReference<ModelImport.Result> imported = new AtomicReference<>();
        robot.interact(() -> new ImportModelDialog(viewModel, stage, imported::set)
                .inspect(Path.of("models/agreement-lstm.pt")));

        DialogPane words = dialog(robot, "Words through the model's own embedding");
        assertTrue(words.getContentText().contains("embedding.weight (35 words)"), words.getContentText());
        press(robot, words, "Without");

        DialogPane readout = dialog(robot, "Readout");
        List<String> items = onFx(() -> readoutItems(readout));
        assertEquals(List.of("a seeded unit vector", "logit 0 of head.weight", "logit 1 of head.weight"), items);
        robot.interact(() -> selectReadout(readout, "logit 1 of head.weight"));
        press(robot, readout, "OK");

        awaitFx(() -> imported.get() != null);
        ModelImport.Result r = imported.get();
        assertEquals(2, r.module().layers());
        RunConfig run = r.preset().runs().get(0);
        assertEquals(2, run.layers());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("logit 1")), r.notes().toString());
        assertEquals("", onFx(() -> viewModel.errorProperty().get()));
    }

    private static List<String> readoutItems(DialogPane pane) {
        javafx.scene.control.ComboBox<?> box = (javafx.scene.control.ComboBox<?>) pane.lookup(".combo-box");
        return box.getItems().stream().map(Object::toString).toList();
    }

    @SuppressWarnings("unchecked")
    private static void selectReadout(DialogPane pane, String item) {
        ((javafx.scene.control.ComboBox<String>) pane.lookup(".combo-box")).getSelectionModel().select(item);
    }

    @Test
    void aPickleWithForeignGlobalsIsOneLineAndNothingIsImported(FxRobot robot) throws Exception {
        AtomicReference<ModelImport.Result> imported = new AtomicReference<>();
        robot.interact(() -> new ImportModelDialog(viewModel, stage, imported::set)
                .inspect(Path.of("src/test/resources/importer/os_system.pt")));
        awaitFx(() -> !viewModel.errorProperty().get().isEmpty());
        String error = onFx(() -> viewModel.errorProperty().get());
        assertTrue(error.startsWith("os_system.pt: ") && !error.contains("\n"), error);
        assertTrue(error.contains("system"), "names the refused global: " + error);
        assertNull(imported.get());
    }
}
