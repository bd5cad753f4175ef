package org.vanish.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jfree.chart.fx.ChartViewer;
import org.vanish.engine.RunResult;
import org.vanish.figure.Demonstrations;
import org.vanish.figure.Figure;
import org.vanish.figure.Figures;
import org.vanish.figure.GradientNormFigure;
import org.vanish.figure.HeatmapFigure;
import org.vanish.figure.LayeredFigure;
import org.vanish.figure.SlideStyle;

/**
 * The dashboard's controller: the menus, the views (one JFreeChart {@link ChartViewer} per figure, in tabs),
 * the numbers per run and the status line, bound to a {@link DashboardViewModel}; the controls panel is
 * {@link ControlsView}, included from the FXML. Build it with {@link #load(DashboardViewModel)}.
 */
public final class DashboardView {
    static final String FXML = "/fxml/DashboardView.fxml";
    /** Series colours cycle after this many runs (as the figures' palette does). */
    private static final int COLORS = 8;
    private static final List<String> TITLES = List.of("Gradient norm", "Jacobian product", "Spectrum",
            "Product spectrum", "Heatmap");
    /** The tabs' views: the views over all runs ({@link Figures#NAMES}), then the one-run heatmap. */
    public static final List<String> VIEWS = java.util.stream.Stream.concat(Figures.NAMES.stream(),
            java.util.stream.Stream.of(DashboardViewModel.HEATMAP)).toList();
    private static final FileChooser.ExtensionFilter PRESETS =
            new FileChooser.ExtensionFilter("Vanish presets (*.json)", "*.json");

    /** The lecture's tab by name (its demonstrations have names of their own). */
    public static final String LECTURE = "lecture";

    /** Seconds after the dashboard is built that the gallery's presets are listed in the background. */
    private static final int GALLERY_LISTING_DELAY_S = 3;

    private static final List<String> VERDICTS = List.of("vanishing", "exploding", "stable");

    private Parent root;
    @FXML private Label titleLabel;
    @FXML private Label descriptionLabel;
    @FXML private TabPane views;
    @FXML private Node controlsPanel;
    @FXML private Menu recentMenu;
    @FXML private GridPane summaryGrid;
    @FXML private Label statusLabel;
    @FXML private ProgressBar fullProgress;
    @FXML private Button cancelButton;
    @FXML private Label errorLabel;
    @FXML private CheckMenuItem inputSensitivityItem;
    @FXML private CheckMenuItem linearCaseItem;
    @FXML private CheckMenuItem pascanuItem;
    @FXML private CheckMenuItem meanFieldItem;

    private final DashboardViewModel viewModel;
    private final RecentFiles recent;
    private final ControlsViewModel controls;
    private final List<Figure> figures = new ArrayList<>();
    private final List<ChartViewer> viewers = new ArrayList<>();
    /** What each viewer shows, so a tab is redrawn only when its data changed. */
    private final List<List<RunResult>> shown = new ArrayList<>();
    /** What each viewer's chart was drawn from (its chart is current when this is the data of now). */
    private final List<List<RunResult>> drawnFrom = new ArrayList<>();
    private final List<Label[]> summaryRows = new ArrayList<>();
    /** The lecture's tab, after the views' tabs. */
    private LectureViewModel lecture;
    private LectureView lectureView;
    private Tab lectureTab;
    /** The lecture deck and presentation mode. */
    private Presenter presenter;
    /** Brings in the gallery's thumbnails; made when the gallery first opens unless a test gave its own. */
    private ThumbnailLoader thumbnails;
    /** True from Ctrl+G until the gallery it opens has closed: a second Ctrl+G meanwhile opens no second one. */
    private boolean galleryOpening;
    /** The folder the last figure or dashboard was exported to (this session); null before the first. */
    private Path lastExportFolder;

    public DashboardView(DashboardViewModel viewModel, ControlsViewModel controls, RecentFiles recent) {
        this.viewModel = viewModel;
        this.controls = controls;
        this.recent = recent;
    }

    /** Loads {@code DashboardView.fxml} with controllers bound to viewModel; returns its root. */
    public static Parent load(DashboardViewModel viewModel) throws IOException {
        return load(viewModel, new RecentFiles(Preferences.userNodeForPackage(DashboardView.class)));
    }

    /** As {@link #load(DashboardViewModel)}, with the recent-files list kept in recent. */
    public static Parent load(DashboardViewModel viewModel, RecentFiles recent) throws IOException {
        return loadWithControls(viewModel, recent).root();
    }

    /** The loaded dashboard: its root and the view-model of its controls panel (for drivers such as the UI bench). */
    public record Loaded(Parent root, ControlsViewModel controls) {
    }

    /** As {@link #load(DashboardViewModel, RecentFiles)}, also returning the controls' view-model. */
    public static Loaded loadWithControls(DashboardViewModel viewModel, RecentFiles recent) throws IOException {
        FXMLLoader loader = new FXMLLoader(DashboardView.class.getResource(FXML));
        ControlsViewModel controls = new ControlsViewModel(viewModel);
        loader.setControllerFactory(type -> {
            if (type == DashboardView.class) {
                return new DashboardView(viewModel, controls, recent);
            }
            if (type == ControlsView.class) {
                return new ControlsView(controls);
            }
            throw new IllegalArgumentException(FXML + " asks for an unknown controller " + type.getName());
        });
        Parent root = loader.load();
        DashboardView view = loader.getController();
        view.root = root;
        root.getProperties().put(DashboardView.class, view);
        Shortcuts.install(root, controls, view.views);
        LazyTooltips.install(root);
        // Page Up / Page Down step through the lecture deck wherever the focus is (the tab bar, the chart, a
        // slider), except while typing; F5 (a presenter remote's "start") enters presentation mode
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            KeyCode k = e.getCode();
            if ((k == KeyCode.PAGE_UP || k == KeyCode.PAGE_DOWN) && !(e.getTarget() instanceof TextInputControl)) {
                view.presenter.step(k == KeyCode.PAGE_UP ? -1 : 1);
                e.consume();
            } else if (k == KeyCode.F5 && !e.isShortcutDown()) {
                view.presenter.mode().onProperty().set(true);
                e.consume();
            }
        });
        return new Loaded(root, controls);
    }

    private void buildLecture() {
        if (lectureView == null) {
            lectureView = new LectureView(lecture);
            lectureTab.setContent(lectureView.root());
        }
    }

    @FXML
    private void initialize() {
        // the shipped presets are listed in the background a few seconds after the start (not during it, when the
        // two cores build and draw the window), so that the gallery opens at once
        CompletableFuture.delayedExecutor(GALLERY_LISTING_DELAY_S, TimeUnit.SECONDS).execute(PresetGallery::shipped);
        titleLabel.textProperty().bind(viewModel.presetNameProperty());
        descriptionLabel.textProperty().bind(viewModel.descriptionProperty());
        Tooltip about = new Tooltip();
        about.textProperty().bind(viewModel.descriptionProperty());
        about.setWrapText(true);
        about.setMaxWidth(700);
        descriptionLabel.setTooltip(about);
        // a view's chart and choosers are built when its tab is first shown (or its viewer first asked for): a start
        // styles and lays out the one view on screen, not all of them
        for (int i = 0; i < VIEWS.size(); i++) {
            Figure f = figureOf(i);
            Tab tab = new Tab(TITLES.get(i));
            tab.setId("tab-" + f.name());
            int index = i;
            tab.selectedProperty().addListener((obs, was, now) -> {
                if (now) {
                    viewerAt(index);
                }
            });
            figures.add(f);
            viewers.add(null);
            shown.add(null);
            drawnFrom.add(null);
            views.getTabs().add(tab);
        }
        lecture = new LectureViewModel(viewModel, viewModel.computeExecutor(), viewModel.uiExecutor());
        // the Lecture tab's controls and chart are built when it is first shown: a start on a dashboard view does
        // not lay out and style a tab nobody has opened (its view-model computes only while shown in any case)
        lectureTab = new Tab("Lecture");
        lectureTab.setId("tab-" + LECTURE);
        lectureTab.selectedProperty().addListener((obs, was, now) -> {
            if (now) {
                buildLecture();
            }
        });
        views.getTabs().add(lectureTab);
        lecture.selectedProperty().addListener((obs, was, now) -> {
            if (lectureTab.isSelected() && now != null) {
                viewModel.viewProperty().set(now.name());
            }
        });
        viewModel.viewProperty().addListener((obs, was, now) -> showView(now));
        presenter = new Presenter(views, viewModel, controls, lecture, this::mayDiscard, this::chartOnScreen);
        lecture.chartProperty().addListener((obs, was, now) -> presenter.chartChanged());
        GradientNormFigure.Options o = viewModel.gradientOptionsProperty().get();
        inputSensitivityItem.setSelected(o.inputSensitivity());
        linearCaseItem.setSelected(o.linearCase());
        pascanuItem.setSelected(o.pascanuBound());
        meanFieldItem.setSelected(o.meanField());
        for (CheckMenuItem item : List.of(inputSensitivityItem, linearCaseItem, pascanuItem, meanFieldItem)) {
            item.selectedProperty().addListener((obs, was, now) -> viewModel.gradientOptionsProperty().set(
                    new GradientNormFigure.Options(inputSensitivityItem.isSelected(), linearCaseItem.isSelected(),
                            pascanuItem.isSelected(), meanFieldItem.isSelected())));
        }
        viewModel.layers().choiceProperty().addListener((obs, was, now) -> {
            for (int i = 0; i < figures.size(); i++) {
                figures.set(i, figureOf(i));
                shown.set(i, null);
            }
            refresh();
        });
        viewModel.gradientOptionsProperty().addListener((obs, was, now) -> {
            int g = Figures.NAMES.indexOf("gradient-norm");
            figures.set(g, viewModel.figure("gradient-norm"));
            shown.set(g, null);
            refresh();
        });
        statusLabel.textProperty().bind(viewModel.statusProperty());
        errorLabel.textProperty().bind(viewModel.errorProperty());
        errorLabel.visibleProperty().bind(viewModel.errorProperty().isEmpty().not());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        fullProgress.progressProperty().bind(viewModel.progressProperty());
        // the bar keeps its place when idle, so the status line does not jump while a slider moves
        fullProgress.visibleProperty().bind(viewModel.workingProperty());
        cancelButton.disableProperty().bind(viewModel.workingProperty().not());
        viewModel.resultsProperty().addListener((obs, was, now) -> refresh());
        viewModel.fullResultsProperty().addListener((obs, was, now) -> refresh());
        views.getSelectionModel().selectedIndexProperty().addListener((obs, was, now) -> {
            int i = now.intValue();
            viewModel.heatmapActiveProperty().set(i == VIEWS.indexOf(DashboardViewModel.HEATMAP));
            lecture.activeProperty().set(i == VIEWS.size());
            showControls();
            if (i >= 0) {
                viewModel.viewProperty().set(i < VIEWS.size() ? VIEWS.get(i) : lecture.selectedProperty().get().name());
            }
            refresh();
            presenter.chartChanged();
        });
        viewModel.heatmapResultsProperty().addListener((obs, was, now) -> refresh());
        lecture.selectedProperty().addListener((obs, was, now) -> showControls());
        showView(viewModel.viewProperty().get());
        lecture.activeProperty().set(lectureShown());
        showControls();
        viewModel.summariesProperty().addListener((obs, was, now) -> showSummaries(now));
        recentMenu.setOnShowing(e -> fillRecent());
        fillRecent();
        refresh();
        showSummaries(viewModel.summariesProperty().get());
    }

    /**
     * The figure of tab i, for the chosen layers. The heatmap tab draws the one result computed for the chosen run:
     * the first (only) of its list.
     */
    private Figure figureOf(int i) {
        String name = VIEWS.get(i);
        return name.equals(DashboardViewModel.HEATMAP)
                ? LayeredFigure.of(new HeatmapFigure(), viewModel.layers().getChoice()) : viewModel.figure(name);
    }

    /** Shows the view called name: a tab, or a demonstration on the lecture's tab; null or unknown: no change. */
    private void showView(String name) {
        if (name == null) {
            return;
        }
        int i = VIEWS.indexOf(name);
        if (i >= 0) {
            views.getSelectionModel().select(i);
        } else if (lecture.select(name) || name.equals(LECTURE)) {
            views.getSelectionModel().select(lectureTab);
        } else if (!name.equals(PresetGallery.TRAINING)) {
            // a preset's view this version does not have (a typo, a newer version's): said, not silently passed over
            viewModel.reportError("view: \"" + name + "\" is not a view; the views are " + String.join(", ",
                    allViews()) + ", and training for the lab");
        }
    }

    /**
     * Hides the run controls while a self-contained demonstration (the cliff, counting) is on screen: they do not
     * apply to it, and its chart gets their room.
     */
    private void showControls() {
        boolean own = lectureShown() && lecture.selectedProperty().get() != null
                && !lecture.selectedProperty().get().usesRuns();
        controlsPanel.setVisible(!own);
        controlsPanel.setManaged(!own);
        // the runs' numbers are not those of a demonstration with a model of its own
        summaryGrid.setVisible(!own);
        summaryGrid.setManaged(!own);
    }

    /** Whether the lecture's tab is on screen. */
    private boolean lectureShown() {
        return views.getSelectionModel().getSelectedIndex() == VIEWS.size();
    }

    /** Redraws the selected view if its data changed; the others catch up when selected. */
    private void refresh() {
        int i = Math.max(0, views.getSelectionModel().getSelectedIndex());
        if (i >= figures.size()) {
            return;   // the lecture draws itself
        }
        List<RunResult> data = dataOf(i);
        if (data.isEmpty() || data == shown.get(i)) {
            return;
        }
        shown.set(i, data);
        viewModel.chart(figures.get(i), data).thenAccept(chart -> {
            // a newer result for this view may have been asked for while this chart was being built
            if (shown.get(i) == data) {
                viewerAt(i).setChart(chart);
                drawnFrom.set(i, data);
                presenter.chartChanged();
            }
        });
    }

    /** The results view i draws now. */
    private List<RunResult> dataOf(int i) {
        Figure f = figures.get(i);
        boolean full = f.needs().productNorms() || f.needs().productSingularValues();
        return f.needs().perUnit() ? viewModel.getHeatmapResults()
                : full ? viewModel.getFullResults() : viewModel.getResults();
    }

    /** The chart of the view or demonstration on screen; null while it is computed (never an outdated one). */
    private org.jfree.chart.JFreeChart chartOnScreen() {
        if (lectureShown()) {
            return lecture.chartProperty().get();
        }
        int i = Math.max(0, views.getSelectionModel().getSelectedIndex());
        return drawnFrom.get(i) == dataOf(i) ? viewerAt(i).getChart() : null;
    }

    /** The presentation mode of the dashboard in a root made by {@link #load} (for the app and tests). */
    public static PresentationMode presentation(Parent root) {
        return ((DashboardView) root.getProperties().get(DashboardView.class)).presenter.mode();
    }

    /** The lecture deck of the dashboard in a root made by {@link #load} (for the app and tests). */
    public static DeckViewModel deck(Parent root) {
        return ((DashboardView) root.getProperties().get(DashboardView.class)).presenter.deck();
    }

    /** Opens a deck file on its first slide; false (the error on the dashboard) if it cannot be used. */
    public static boolean openDeck(Parent root, Path file) {
        return ((DashboardView) root.getProperties().get(DashboardView.class)).presenter.open(file);
    }

    @FXML
    private void openDeck() {
        presenter.chooseAndOpen();
    }

    @FXML
    private void showDeck() {
        presenter.showPanel();
    }

    /** The chart viewer of the view called name (for tests and export). */
    ChartViewer viewer(String name) {
        return viewerAt(VIEWS.indexOf(name));
    }

    /** View i's chart viewer, made with its tab's content (its choosers above it) the first time it is asked for. */
    private ChartViewer viewerAt(int i) {
        ChartViewer viewer = viewers.get(i);
        if (viewer == null) {
            String name = VIEWS.get(i);
            viewer = ScaledClips.install(new ChartViewer(null, false));
            viewer.setId("view-" + name);
            views.getTabs().get(i).setContent(name.equals(DashboardViewModel.HEATMAP)
                    ? HeatmapPane.create(viewer, viewModel) : LayerBar.above(viewer, viewModel.layers(), name));
            viewers.set(i, viewer);
        }
        return viewer;
    }

    /**
     * Selects the view called name in a root made by {@link #load}: a {@link #VIEWS} tab, {@value #LECTURE}, or a
     * demonstration (on the lecture's tab).
     */
    public static void selectView(Parent root, String name) {
        if (!isView(name)) {
            throw new IllegalArgumentException("no view \"" + name + "\"; the views are " + String.join(", ", allViews()));
        }
        DashboardView view = (DashboardView) root.getProperties().get(DashboardView.class);
        view.viewModel.viewProperty().set(name);
        view.showView(name);
    }

    /** Whether name is a view {@link #selectView} can show. */
    public static boolean isView(String name) {
        return allViews().contains(name);
    }

    /** Every view by name: the tabs, the lecture, the demonstrations. */
    public static List<String> allViews() {
        List<String> all = new ArrayList<>(VIEWS);
        all.add(LECTURE);
        all.addAll(Demonstrations.names());
        return all;
    }

    private void showSummaries(List<RunSummary> summaries) {
        if (summaryRows.size() != summaries.size()) {
            summaryGrid.getChildren().clear();
            summaryRows.clear();
            for (int i = 0; i < summaries.size(); i++) {
                Region swatch = new Region();
                swatch.getStyleClass().addAll("swatch", "swatch" + i % COLORS);
                Label[] row = {new Label(), new Label(), new Label(), new Label(), new Label()};
                row[0].getStyleClass().add("run-label");
                row[1].getStyleClass().add("verdict");
                for (int k = 1; k < row.length; k++) {
                    row[k].setMinWidth(Region.USE_PREF_SIZE);   // numbers are never cut; the label gives way
                }
                summaryGrid.addRow(i, swatch, row[0], row[1], row[2], row[3], row[4]);
                summaryRows.add(row);
            }
        }
        for (int i = 0; i < summaries.size(); i++) {
            RunSummary s = summaries.get(i);
            Label[] row = summaryRows.get(i);
            row[0].setText(s.label());
            row[1].setText(s.reachText());
            row[1].getStyleClass().removeAll(VERDICTS);
            row[1].getStyleClass().add(s.verdict().word());
            row[2].setText(s.spectralRadiusText());
            row[3].setText(s.largestSingularValueText());
            row[4].setText(s.gradientText());
        }
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    @FXML
    private void open() {
        if (!mayDiscard()) {
            return;
        }
        FileChooser chooser = chooser("Open a preset");
        java.io.File f = chooser.showOpenDialog(window());
        if (f != null) {
            openFile(f.toPath());
        }
    }

    /** File → Import model…: a PyTorch checkpoint as an unsaved preset (see {@link ImportModelDialog}). */
    @FXML
    private void importModel() {
        if (!mayDiscard()) {
            return;
        }
        new ImportModelDialog(viewModel, window(), r -> {
            viewModel.setPreset(r.preset());
            Alert done = new Alert(Alert.AlertType.INFORMATION, String.join("\n", r.notes()));
            done.setHeaderText("Imported " + r.module().describe());
            done.initOwner(window());
            done.show();
        }).start();
    }

    private void openFile(Path file) {
        if (mayDiscard() && viewModel.load(file)) {
            remember(file);
        }
    }

    /**
     * Whether the preset on screen may be replaced: yes if it has no unsaved change; else the user chooses to save
     * it (yes once it is saved), to discard it (yes) or to cancel (no).
     */
    private boolean mayDiscard() {
        if (!viewModel.isModified()) {
            return true;
        }
        ButtonType saveIt = new ButtonType("Save", javafx.scene.control.ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", javafx.scene.control.ButtonBar.ButtonData.NO);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "\"" + viewModel.presetNameProperty().get()
                + "\" has changes that are not saved.", saveIt, discard, ButtonType.CANCEL);
        ask.setHeaderText("Save the changes?");
        ask.initOwner(window());
        ButtonType answer = ask.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == saveIt) {
            save();
            return !viewModel.isModified();
        }
        return answer == discard;
    }

    /** Asks before unsaved changes of the dashboard in a root made by {@link #load} are lost; true to go on. */
    public static boolean mayDiscard(Parent root) {
        return ((DashboardView) root.getProperties().get(DashboardView.class)).mayDiscard();
    }

    @FXML
    private void save() {
        if (viewModel.fileProperty().get() == null) {
            saveAs();
        } else if (viewModel.save()) {
            remember(viewModel.fileProperty().get());
        }
    }

    @FXML
    private void saveAs() {
        FileChooser chooser = chooser("Save the preset");
        Path current = viewModel.fileProperty().get();
        chooser.setInitialFileName(current != null ? current.getFileName().toString()
                : fileName(viewModel.presetNameProperty().get()) + ".json");
        java.io.File f = chooser.showSaveDialog(window());
        if (f == null) {
            return;
        }
        Path file = withExtension(f.toPath(), ".json");
        if (!file.equals(f.toPath()) && Files.exists(file) && !confirmOverwrite(file)) {
            return;
        }
        if (viewModel.saveAs(file)) {
            remember(file);
        }
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(PRESETS);
        Path current = viewModel.fileProperty().get();
        if (current != null && current.toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(current.toAbsolutePath().getParent().toFile());
        } else if (Files.isDirectory(Path.of("presets"))) {
            chooser.setInitialDirectory(Path.of("presets").toAbsolutePath().toFile());
        }
        return chooser;
    }

    /** Adds file to the recent list and the menu (which a list empty at start left disabled). */
    private void remember(Path file) {
        recent.add(file);
        fillRecent();
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (Path p : recent.list()) {
            MenuItem item = new MenuItem(p.getFileName() + "  —  " + p.getParent());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> openFile(p));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    @FXML
    private void exportFigure() {
        int i = Math.max(0, views.getSelectionModel().getSelectedIndex());
        boolean demo = lectureShown();
        String name = demo ? lecture.selectedProperty().get().name() : figures.get(i).name();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the " + (demo ? lecture.selectedProperty().get().title()
                : TITLES.get(i).toLowerCase(Locale.ROOT) + " view"));
        List<FileChooser.ExtensionFilter> kinds = List.of(
                new FileChooser.ExtensionFilter("PNG, 1× (1600×900)", "*.png"),
                new FileChooser.ExtensionFilter("PNG, 2× (3200×1800)", "*.png"),
                new FileChooser.ExtensionFilter("PNG, 3× (4800×2700)", "*.png"),
                new FileChooser.ExtensionFilter("SVG (vector)", "*.svg"));
        chooser.getExtensionFilters().addAll(kinds);
        chooser.setSelectedExtensionFilter(kinds.get(1));
        chooser.setInitialFileName(name);
        exportFolder(chooser);
        java.io.File f = chooser.showSaveDialog(window());
        if (f == null) {
            return;
        }
        lastExportFolder = f.toPath().toAbsolutePath().getParent();
        int kind = Math.max(0, kinds.indexOf(chooser.getSelectedExtensionFilter()));
        boolean svg = kind == 3 || f.getName().toLowerCase(Locale.ROOT).endsWith(".svg");
        Path file = withExtension(f.toPath(), svg ? ".svg" : ".png");
        // the file dialog asked about the name it returned; a name we completed was never asked about
        if (!file.equals(f.toPath()) && Files.exists(file) && !confirmOverwrite(file)) {
            return;
        }
        int pngScale = svg ? 0 : Math.min(3, kind + 1);
        if (demo) {
            viewModel.exportChart(name, lecture.freshChart(), file, pngScale);
        } else {
            viewModel.exportFigure(name, file, pngScale);
        }
    }

    /** A file name for a preset called name: its words, lower case, joined by '-' ("preset" if none). */
    static String fileName(String name) {
        String words = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-")
                .replaceAll("^-+|-+$", "");
        return words.isEmpty() ? "preset" : words.length() > 60 ? words.substring(0, 60).replaceAll("-+$", "") : words;
    }

    /** Opens an export dialog in the folder of the last export, while it exists. */
    private void exportFolder(FileChooser chooser) {
        if (lastExportFolder != null && Files.isDirectory(lastExportFolder)) {
            chooser.setInitialDirectory(lastExportFolder.toFile());
        }
    }

    private static Path withExtension(Path file, String ext) {
        String n = file.getFileName().toString();
        return n.toLowerCase(Locale.ROOT).endsWith(ext) ? file : file.resolveSibling(n + ext);
    }

    private boolean confirmOverwrite(Path file) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, file.getFileName() + " exists. Replace it?",
                ButtonType.OK, ButtonType.CANCEL);
        ask.initOwner(window());
        return ask.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    @FXML
    private void exportDashboard() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the dashboard as one PNG (all views, 3200×1800)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
        chooser.setInitialFileName("dashboard.png");
        exportFolder(chooser);
        java.io.File f = chooser.showSaveDialog(window());
        if (f == null) {
            return;
        }
        lastExportFolder = f.toPath().toAbsolutePath().getParent();
        Path file = withExtension(f.toPath(), ".png");
        if (!file.equals(f.toPath()) && Files.exists(file) && !confirmOverwrite(file)) {
            return;
        }
        viewModel.exportDashboard(file, 1);
    }

    @FXML
    private void copyFigure() {
        int i = Math.max(0, views.getSelectionModel().getSelectedIndex());
        java.util.concurrent.CompletableFuture<java.awt.image.BufferedImage> image = lectureShown()
                ? lecture.freshChart().thenApply(c -> Figures.render(c, SlideStyle.WIDTH, SlideStyle.HEIGHT, 1))
                : viewModel.render(figures.get(i).name(), 1);
        image.whenCompleteAsync((img, failure) -> {
            if (failure != null) {
                viewModel.reportError("could not copy the figure: " + failure.getMessage());
                return;
            }
            ClipboardContent content = new ClipboardContent();
            content.putImage(FxImages.of(img));
            Clipboard.getSystemClipboard().setContent(content);
        }, javafx.application.Platform::runLater);
    }

    /** Gives the dashboard loaded as root a thumbnail loader of its own (a test's, with its own cache folder). */
    static void useThumbnails(Parent root, ThumbnailLoader loader) {
        ((DashboardView) root.getProperties().get(DashboardView.class)).thumbnails = loader;
    }

    @FXML
    private void showGallery() {
        if (galleryOpening) {
            return;
        }
        galleryOpening = true;
        // listed once, off this thread (the trained presets are 600 kB of JSON); usually done long before
        PresetGallery.shipped().whenCompleteAsync((entries, failure) -> {
            try {
                if (failure != null) {
                    viewModel.reportError("could not list the shipped presets: " + failure.getMessage());
                    return;
                }
                PresetGalleryDialog.show(window(), entries, thumbnails()).filter(e -> mayDiscard())
                        .ifPresent(e -> viewModel.setPreset(e.preset()));
            } finally {
                galleryOpening = false;
            }
        }, viewModel.uiExecutor());
    }

    private ThumbnailLoader thumbnails() {
        if (thumbnails == null) {
            // one thread, leaving the other core to the FX thread; the dashboard computes nothing meanwhile
            int threads = Math.max(1, Math.min(3, Runtime.getRuntime().availableProcessors() - 1));
            thumbnails = new ThumbnailLoader(ThumbnailCache.inUserCache(), ThumbnailLoader.FIGURES,
                    java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
                        Thread t = new Thread(r, "vanish-thumbnails");
                        t.setDaemon(true);
                        return t;
                    }), viewModel.uiExecutor());
        }
        return thumbnails;
    }

    @FXML
    private void undo() {
        viewModel.undo();
    }

    @FXML
    private void redo() {
        viewModel.redo();
    }

    @FXML
    private void cancelFull() {
        viewModel.cancelFull();
    }

    @FXML
    private void togglePresentation() {
        presenter.toggle();
    }

    @FXML
    private void showShortcuts() {
        Alert help = new Alert(Alert.AlertType.INFORMATION);
        help.initOwner(window());
        help.setTitle("Keyboard shortcuts");
        help.setHeaderText("Keyboard shortcuts");
        help.setContentText(Shortcuts.TEXT);
        help.getDialogPane().setMinWidth(640);
        help.show();
    }

    @FXML
    private void showAbout() {
        AboutDialog.show(window());
    }
}
