package org.vanish.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.vanish.ui.DashboardView;
import org.vanish.ui.DashboardViewModel;

/**
 * The desktop app: one dashboard window. Arguments: {@code [--preset FILE] [--tab NAME]}; without a preset, or when the
 * file cannot be used, the bundled default preset is shown (with the file's error on screen).
 * Start it through {@link Launcher}.
 */
public final class VanishApp extends Application {
    static final double WIDTH = 1280;
    static final double HEIGHT = 800;
    /** The share of a larger screen the window takes. */
    static final double SCREEN_SHARE = 0.92;
    private static final int MAX_COMPUTE_THREADS = 4;
    /** The Jacobian products start once the picture has stood still this long (not on every slider step). */
    static final long FULL_DELAY_MS = 250;

    private ExecutorService compute;

    @Override
    public void start(Stage stage) throws IOException {
        // the runs of one slider position are analysed side by side; stale positions are skipped, not queued up
        int threads = Math.max(1, Math.min(MAX_COMPUTE_THREADS, Runtime.getRuntime().availableProcessors()));
        compute = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vanish-compute");
            t.setDaemon(true);
            return t;
        });
        DashboardViewModel viewModel = new DashboardViewModel(compute, Platform::runLater);
        viewModel.setFullDelayMs(FULL_DELAY_MS);
        viewModel.loadDefault();
        Arguments args = null;
        try {
            args = arguments(getParameters().getRaw());
            if (args.preset() != null) {
                viewModel.load(args.preset());
            }
        } catch (IllegalArgumentException e) {
            viewModel.reportError(e.getMessage());
        }
        Parent root = DashboardView.load(viewModel);
        if (args != null && args.tab() != null) {
            DashboardView.selectView(root, args.tab());
        }
        // most of a large screen (a projector's 1920×1080), never less than 1280×800
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double width = Math.min(screen.getWidth(), Math.max(WIDTH, SCREEN_SHARE * screen.getWidth()));
        double height = Math.min(screen.getHeight(), Math.max(HEIGHT, SCREEN_SHARE * screen.getHeight()));
        stage.setScene(new Scene(root, width, height));
        stage.titleProperty().bind(viewModel.titleProperty());
        stage.show();
    }

    @Override
    public void stop() {
        if (compute != null) {
            compute.shutdownNow();
        }
    }

    /**
     * The app's arguments: {@code --preset FILE} and {@code --tab NAME} (also as {@code --preset=FILE},
     * {@code --tab=NAME}).
     * @param preset null when absent
     * @param tab the view to open on (a {@link DashboardView#allViews()} entry); null for the first
     */
    record Arguments(Path preset, String tab) {
    }

    /**
     * Parses the app's arguments.
     * @throws IllegalArgumentException for an unknown argument or view, or a missing value
     */
    static Arguments arguments(List<String> raw) {
        Path file = null;
        String tab = null;
        for (int i = 0; i < raw.size(); i++) {
            String a = raw.get(i);
            if (a.startsWith("--preset=")) {
                file = Path.of(a.substring("--preset=".length()));
            } else if (a.equals("--preset")) {
                if (i + 1 >= raw.size()) {
                    throw new IllegalArgumentException("--preset needs a file name: vanish --preset FILE");
                }
                file = Path.of(raw.get(++i));
            } else if (a.startsWith("--tab=") || a.equals("--tab")) {
                if (a.equals("--tab") && i + 1 >= raw.size()) {
                    throw new IllegalArgumentException("--tab needs a view: "
                            + String.join(", ", DashboardView.allViews()));
                }
                tab = a.equals("--tab") ? raw.get(++i) : a.substring("--tab=".length());
                if (!DashboardView.isView(tab)) {
                    throw new IllegalArgumentException("--tab \"" + tab + "\" is not a view; the views are "
                            + String.join(", ", DashboardView.allViews()));
                }
            } else {
                throw new IllegalArgumentException("unknown argument \"" + a + "\"; the app takes --preset FILE and "
                        + "--tab NAME, the command line starts with analyze, bench or --help");
            }
        }
        return new Arguments(file, tab);
    }

    /** The file of {@code --preset FILE}; null when absent (see {@link #arguments}). */
    static Path presetArgument(List<String> raw) {
        return arguments(raw).preset();
    }
}
