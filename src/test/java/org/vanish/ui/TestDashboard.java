package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The dashboard in a test's window: a view-model on the given executor with a preset loaded (the default without
 * one), its view on a preferences node of its own (so that parallel tests never share the recent-files list), in a
 * 1280×800 scene, the headless screen's size. {@link #close} removes that node.
 */
final class TestDashboard {
    final DashboardViewModel viewModel;
    final Parent root;
    private final Preferences prefs;

    private TestDashboard(DashboardViewModel viewModel, Parent root, Preferences prefs) {
        this.viewModel = viewModel;
        this.root = root;
        this.prefs = prefs;
    }

    /** Shows the dashboard on preset (null: the default preset) in stage, focused. */
    static TestDashboard show(Stage stage, Executor compute, Path preset) throws IOException {
        DashboardViewModel viewModel = new DashboardViewModel(compute, Platform::runLater);
        if (preset == null) {
            viewModel.loadDefault();
        } else {
            assertTrue(viewModel.load(preset), "the preset opens: " + preset);
        }
        Preferences prefs = Preferences.userRoot().node("org/vanish/test-" + UUID.randomUUID());
        Parent root = DashboardView.load(viewModel, new RecentFiles(prefs));
        stage.setScene(new Scene(root, 1280, 800));
        stage.show();
        stage.requestFocus();
        return new TestDashboard(viewModel, root, prefs);
    }

    void close() throws Exception {
        prefs.removeNode();
    }
}
