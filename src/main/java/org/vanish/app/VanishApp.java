package org.vanish.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.vanish.engine.Quantities;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetException;
import org.vanish.preset.TrainingSpec;
import org.vanish.ui.DashboardView;
import org.vanish.ui.DashboardViewModel;
import org.vanish.ui.RecentFiles;
import org.vanish.ui.lab.TrainingLabView;
import org.vanish.ui.lab.TrainingLabViewModel;

/**
 * The desktop app: one window with two tabs, the dashboard and the training lab. Arguments:
 * {@code [--preset FILE] [--tab NAME] [--deck FILE]} (a lecture deck, opened on its first slide); without a preset, or when the file cannot be used, the bundled default preset
 * is shown (with the file's error on screen). {@code --tab training}, or a preset whose view is "training", opens on
 * the lab.
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
    /** At start, the products wait this long after the first picture's results. */
    static final long FIRST_FULL_DELAY_MS = 1500;
    /** The lab's name for --tab and for a preset's view. */
    static final String TRAINING = org.vanish.ui.PresetGallery.TRAINING;

    private ExecutorService compute;
    /** The training lab, null until it is first needed ({@link #ensureLab}). */
    private TrainingLabViewModel lab;
    private TrainingLabView labView;
    private Runnable labFactory;
    /** The training block the lab was set up from last: edits of the dashboard keep it and leave the lab alone. */
    private TrainingSpec labSpec;

    @Override
    public void start(Stage stage) throws IOException {
        open(stage, getParameters().getRaw());
    }

    /** Fills stage with the app for the given command-line arguments and shows it. */
    void open(Stage stage, List<String> raw) throws IOException {
        StartupProbe.mark("fx-start");
        // the runs of one slider position are analysed side by side; stale positions are skipped, not queued up
        int threads = Math.max(1, Math.min(MAX_COMPUTE_THREADS, Runtime.getRuntime().availableProcessors()));
        compute = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vanish-compute");
            t.setDaemon(true);
            return t;
        });
        DashboardViewModel viewModel = new DashboardViewModel(compute, Platform::runLater);
        // the first picture needs only the live quantities: the products wait until it is on screen, so that on a
        // laptop's two cores they do not compete with the first layout and drawing
        viewModel.setFullDelayMs(FIRST_FULL_DELAY_MS);
        viewModel.resultsProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends List<org.vanish.engine.RunResult>> o,
                                List<org.vanish.engine.RunResult> was, List<org.vanish.engine.RunResult> now) {
                if (now != null) {
                    o.removeListener(this);
                    viewModel.setFullDelayMs(FULL_DELAY_MS);
                }
            }
        });
        viewModel.loadDefault();
        Arguments args = null;
        try {
            args = arguments(raw);
            if (args.preset() != null) {
                viewModel.load(args.preset());
            }
        } catch (IllegalArgumentException e) {
            viewModel.reportError(e.getMessage());
        }
        StartupProbe.mark("default-loaded");
        Parent dashboard = DashboardView.load(viewModel);
        StartupProbe.mark("view-built");
        Tab dashboardTab = new Tab("Dashboard", dashboard);
        Tab labTab = new Tab("Training lab");
        labTab.setId("tab-training");
        TabPane root = new TabPane(dashboardTab, labTab);
        root.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        root.getStyleClass().add("app-tabs");
        // the lab is built when it is first needed (its tab chosen, a lab preset opened), so that a start that
        // never opens it does not draw a network and its charts beside the dashboard's first analysis
        labFactory = () -> {
            lab = new TrainingLabViewModel(Platform::runLater);
            labView = new TrainingLabView(lab,
                    new RecentFiles(Preferences.userNodeForPackage(TrainingLabView.class)));
            labView.setOnOpenInDashboard(p -> {
                try {
                    // the dashboard starts the Jacobian products by itself: refuse what would not fit, as load does
                    p.checkFits(Quantities.FULL, Runtime.getRuntime().maxMemory());
                } catch (PresetException e) {
                    lab.reportError(e.getMessage());
                    return;
                }
                if (DashboardView.mayDiscard(dashboard)) {
                    viewModel.setPreset(p);
                    root.getSelectionModel().select(dashboardTab);
                }
            });
            labTab.setContent(labView);
        };
        // a preset meant for the lab (opened here, from the gallery or with File > Open) sets the lab up
        Runnable toLab = () -> {
            if (openInLab(viewModel.getPreset())) {
                root.getSelectionModel().select(labTab);
            }
        };
        viewModel.presetProperty().addListener((obs, was, now) -> toLab.run());
        toLab.run();
        // the dashboard's menu shortcuts (Ctrl+Z, Ctrl+S, ...) must not act on the hidden dashboard while the lab
        // is shown: a key the lab's own controls left unconsumed stops here, before the window's accelerators
        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (labTab.isSelected() && e.isShortcutDown()) {
                e.consume();
            }
        });
        // the lab's keys (Space, S, R) work as soon as its tab is chosen, not only after a click inside it
        labTab.selectedProperty().addListener((obs, was, now) -> {
            if (now) {
                ensureLab();
                Platform.runLater(labView::requestFocus);
            }
        });
        if (args != null && TRAINING.equals(args.tab())) {
            root.getSelectionModel().select(labTab);
        } else if (args != null && args.tab() != null) {
            DashboardView.selectView(dashboard, args.tab());
        }
        if (args != null && args.deck() != null) {
            DashboardView.openDeck(dashboard, args.deck());
        }
        // most of a large screen (a projector's 1920×1080), never less than 1280×800
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double width = Math.min(screen.getWidth(), Math.max(WIDTH, SCREEN_SHARE * screen.getWidth()));
        double height = Math.min(screen.getHeight(), Math.max(HEIGHT, SCREEN_SHARE * screen.getHeight()));
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(VanishApp.class.getResource("/css/vanish.css").toExternalForm());
        stage.setScene(scene);
        StartupProbe.attach(viewModel, scene);
        // the window's icons (six PNGs) are decoded in the background, not before the first frame
        CompletableFuture.supplyAsync(org.vanish.ui.AboutDialog::icons)
                .thenAcceptAsync(icons -> stage.getIcons().setAll(icons), Platform::runLater);
        stage.titleProperty().bind(viewModel.titleProperty());
        stage.setOnHidden(e -> {
            if (lab != null) {
                lab.close();
            }
        });
        // closing the window with unsaved changes asks first
        stage.setOnCloseRequest(e -> {
            if (!DashboardView.mayDiscard(dashboard)) {
                e.consume();
            }
        });
        StartupProbe.mark("scene-built");
        stage.show();
        StartupProbe.mark("shown");
    }

    /**
     * Applies p's training block to the lab if p is a lab preset (view "training" with a training block) whose
     * block the lab has not been set up from yet; a block the trainer refuses shows its message in the lab.
     * @return whether the lab was set up
     */
    private boolean openInLab(Preset p) {
        if (p == null || p.training() == null || !TRAINING.equals(p.view()) || p.training().equals(labSpec)) {
            return false;
        }
        labSpec = p.training();
        ensureLab();
        try {
            lab.apply(p.trainConfig());
        } catch (IllegalArgumentException e) {
            lab.reportError(p.name() + ": training: " + e.getMessage());
        }
        return true;
    }

    private void ensureLab() {
        if (lab == null) {
            labFactory.run();
        }
    }

    @Override
    public void stop() {
        if (lab != null) {
            lab.close();
        }
        if (compute != null) {
            compute.shutdownNow();
        }
    }

    /**
     * The app's arguments: {@code --preset FILE} and {@code --tab NAME} (also as {@code --preset=FILE},
     * {@code --tab=NAME}).
     * @param preset null when absent
     * @param tab the view to open on (a {@link DashboardView#allViews()} entry, or "training" for the lab); null
     *            for the first
     * @param deck a lecture deck to open on its first slide; null when absent
     */
    record Arguments(Path preset, String tab, Path deck) {
    }

    /**
     * Parses the app's arguments.
     * @throws IllegalArgumentException for an unknown argument or view, or a missing value
     */
    static Arguments arguments(List<String> raw) {
        Path file = null;
        String tab = null;
        Path deck = null;
        for (int i = 0; i < raw.size(); i++) {
            String a = raw.get(i);
            if (a.startsWith("--preset=")) {
                file = Path.of(a.substring("--preset=".length()));
            } else if (a.equals("--preset")) {
                if (i + 1 >= raw.size()) {
                    throw new IllegalArgumentException("--preset needs a file name: vanish --preset FILE");
                }
                file = Path.of(raw.get(++i));
            } else if (a.startsWith("--deck=")) {
                deck = Path.of(a.substring("--deck=".length()));
            } else if (a.equals("--deck")) {
                if (i + 1 >= raw.size()) {
                    throw new IllegalArgumentException("--deck needs a file name: vanish --deck FILE");
                }
                deck = Path.of(raw.get(++i));
            } else if (a.startsWith("--tab=") || a.equals("--tab")) {
                String views = String.join(", ", DashboardView.allViews()) + ", " + TRAINING;
                if (a.equals("--tab") && i + 1 >= raw.size()) {
                    throw new IllegalArgumentException("--tab needs a view: " + views);
                }
                tab = a.equals("--tab") ? raw.get(++i) : a.substring("--tab=".length());
                if (!DashboardView.isView(tab) && !TRAINING.equals(tab)) {
                    throw new IllegalArgumentException("--tab \"" + tab + "\" is not a view; the views are " + views);
                }
            } else {
                throw new IllegalArgumentException("unknown argument \"" + a + "\"; the app takes --preset FILE, "
                        + "--tab NAME and --deck FILE, the command line starts with analyze, bench or --help");
            }
        }
        return new Arguments(file, tab, deck);
    }

    /** The file of {@code --preset FILE}; null when absent (see {@link #arguments}). */
    static Path presetArgument(List<String> raw) {
        return arguments(raw).preset();
    }
}
