package org.vanish.ui.lab;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.vanish.engine.Activation;
import org.vanish.engine.CellType;
import org.vanish.engine.GruVariant;
import org.vanish.preset.Preset;
import org.vanish.train.Optimizer;
import org.vanish.train.Task;
import org.vanish.ui.FxImages;
import org.vanish.ui.NumberField;
import org.vanish.ui.NumberSpec;
import org.vanish.ui.RecentFiles;

/**
 * The training lab: the settings on the left, Play/Pause, Step and Reset (Space, S, R), the four live views in a
 * 2×2 grid, the status line, "Save trained network…" and "Open in dashboard". Binds a
 * {@link TrainingLabViewModel} and holds no logic of its own; the views arrive as images drawn off the UI thread.
 */
public final class TrainingLabView extends BorderPane {
    /** Turns the rendered frames into JavaFX images off the FX thread; one daemon thread for every lab. */
    private static final Executor CONVERTER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vanish-lab-images");
        t.setDaemon(true);
        return t;
    });
    /** Frames asked to be shown (FX thread): only the newest is shown. */
    private long framesAsked;

    private static final double GAP = 6;

    private final TrainingLabViewModel viewModel;
    private final RecentFiles saved;
    // the fields hold their listeners; keep them with the view
    private final List<NumberField> numbers = new ArrayList<>();
    private final List<ImageView> views = new ArrayList<>();
    private final Pane grid = new Pane();
    private final Button play = new Button();
    private Consumer<Preset> openInDashboard = p -> { };
    /** A reset after more training steps than this asks first. */
    static final int ASK_ABOVE_STEPS = 50;

    /**
     * @param saved where the folder of the last saved network is remembered
     */
    public TrainingLabView(TrainingLabViewModel viewModel, RecentFiles saved) {
        this.viewModel = viewModel;
        this.saved = saved;
        getStyleClass().add("training-lab");
        setTop(toolbar());
        setLeft(controls());
        Label heading = new Label();
        heading.setId("labHeading");
        heading.getStyleClass().add("description");
        heading.textProperty().bind(viewModel.headingProperty());
        heading.setPadding(new Insets(6, 12, 0, 12));
        setCenter(new BorderPane(new StackPane(grid, preparingIndicator()), heading, null, null, null));
        setBottom(footer());
        for (int i = 0; i < 4; i++) {
            ImageView v = new ImageView();
            v.setId("lab-view-" + i);
            v.setSmooth(true);
            views.add(v);
            grid.getChildren().add(v);
        }
        grid.getStyleClass().add("lab-views");
        grid.widthProperty().addListener(o -> layoutViews());
        grid.heightProperty().addListener(o -> layoutViews());
        viewModel.imagesProperty().addListener((obs, was, now) -> showImages(now));
        addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
    }

    /** Called with the trained network's preset when "Open in dashboard" is pressed. */
    public void setOnOpenInDashboard(Consumer<Preset> action) {
        openInDashboard = action;
    }

    private void layoutViews() {
        double w = Math.max(1, (grid.getWidth() - GAP) / 2);
        double h = Math.max(1, (grid.getHeight() - GAP) / 2);
        for (int i = 0; i < views.size(); i++) {
            ImageView v = views.get(i);
            v.setFitWidth(w);
            v.setFitHeight(h);
            v.relocate(i % 2 * (w + GAP), i / 2 * (h + GAP));
        }
        double scale = getScene() != null && getScene().getWindow() != null ? getScene().getWindow().getOutputScaleX() : 1;
        viewModel.setViewSize(Math.floor(w), Math.floor(h), scale);
    }

    /**
     * Shows the newest views. Copying a frame's pixels into JavaFX images takes tens of milliseconds at 2×, so it
     * happens on a converter thread; an older frame that finishes after a newer one was asked for is dropped.
     */
    private void showImages(List<BufferedImage> images) {
        long frame = ++framesAsked;
        CompletableFuture.supplyAsync(() -> images.stream().map(FxImages::of).toList(), CONVERTER)
                .thenAcceptAsync(fx -> {
                    if (frame == framesAsked) {
                        for (int i = 0; i < views.size(); i++) {
                            views.get(i).setImage(i < fx.size() ? fx.get(i) : null);
                        }
                    }
                }, Platform::runLater);
    }

    /**
     * Back to step 0; after more than {@value #ASK_ABOVE_STEPS} training steps (minutes of training on a slow
     * setting) only once the user says so.
     */
    private void reset() {
        int done = viewModel.stepsProperty().get();
        if (done > ASK_ABOVE_STEPS) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "The network has trained for " + done
                    + " steps. Reset discards them.", ButtonType.OK, ButtonType.CANCEL);
            ask.setHeaderText("Discard " + done + " training steps?");
            if (getScene() != null) {
                ask.initOwner(getScene().getWindow());
            }
            if (ask.showAndWait().filter(ButtonType.OK::equals).isEmpty()) {
                return;
            }
        }
        viewModel.reset();
    }

    /** Space plays or pauses, S steps, R resets; not while typing in a field. */
    private void shortcut(KeyEvent e) {
        if (e.isShortcutDown() || e.isAltDown() || getScene() != null
                && getScene().getFocusOwner() instanceof TextInputControl) {
            return;
        }
        if (e.getCode() == KeyCode.SPACE) {
            viewModel.togglePlay();
        } else if (e.getCode() == KeyCode.S) {
            viewModel.step();
        } else if (e.getCode() == KeyCode.R) {
            reset();
        } else {
            return;
        }
        e.consume();
    }

    // ---- the controls -------------------------------------------------------------------------------------------

    private Node controls() {
        GridPane g = new GridPane();
        g.getStyleClass().add("controls-grid");
        g.getColumnConstraints().addAll(new ColumnConstraints(70), grow(), new ColumnConstraints(90));
        Row row = new Row(g);
        row.section("Task");
        row.choice("task", "taskBox", viewModel.settings().taskProperty(), Task.values(), Task::id,
                "adding problem (regression), copy task, agreement (classification)");
        row.number("T", "length", viewModel.settings().lengthProperty(), TrainingSettings.LENGTH,
                "The delay the network must bridge: the sequence has T (adding), T + 20 (copy) or T + 1 steps");
        row.number("data", "dataset", viewModel.settings().datasetSizeProperty(), TrainingSettings.DATASET,
                "Training sequences, drawn from the seed; minibatches are drawn from them");
        row.number("seed", "seed", viewModel.settings().seedProperty(), TrainingSettings.SEED,
                "Seed of the data, the batch order and the initial weights: the same seed trains the same way",
                false);
        row.section("Model");
        row.choice("cell", "cellBox", viewModel.settings().cellProperty(), CellType.values(), CellType::id,
                "rnn, additive, lstm or gru, then a linear readout");
        ComboBox<Activation> phi = row.choice("φ", "activationBox", viewModel.settings().activationProperty(), Activation.values(),
                Activation::id, "Activation of rnn and additive");
        phi.disableProperty().bind(viewModel.settings().cellProperty().isEqualTo(CellType.LSTM)
                .or(viewModel.settings().cellProperty().isEqualTo(CellType.GRU)));
        ComboBox<GruVariant> gru = row.choice("GRU", "gruVariantBox", viewModel.settings().gruVariantProperty(),
                GruVariant.values(), GruVariant::id, "cho: the GRU of Cho et al. 2014 as the lecture writes it;"
                        + " pytorch: PyTorch's GRU, the reset after the product, tanh(U_h x + b_h + r∘(W_h h + b_hn))");
        gru.disableProperty().bind(viewModel.settings().cellProperty().isNotEqualTo(CellType.GRU));
        row.number("n", "hidden", viewModel.settings().hiddenSizeProperty(), TrainingSettings.HIDDEN, "Hidden units");
        row.section("Optimiser");
        row.choice("rule", "optimizerBox", viewModel.settings().optimizerProperty(), Optimizer.values(), Optimizer::id,
                "Adam, or SGD with momentum");
        row.number("η", "learningRate", viewModel.settings().learningRateProperty(), TrainingSettings.LEARNING_RATE,
                "Learning rate (logarithmic slider)");
        Node[] mu = row.number("μ", "momentum", viewModel.settings().momentumProperty(), TrainingSettings.MOMENTUM,
                "Momentum of SGD (Adam ignores it)");
        for (Node n : mu) {
            n.disableProperty().bind(viewModel.settings().optimizerProperty().isNotEqualTo(Optimizer.SGD));
        }
        row.number("batch", "batch", viewModel.settings().batchSizeProperty(), TrainingSettings.BATCH, "Sequences per update");
        row.section("Gradient clipping");
        CheckBox clip = new CheckBox("clip the global norm");
        clip.setId("clipCheck");
        clip.selectedProperty().bindBidirectional(viewModel.settings().clipProperty());
        clip.setTooltip(new Tooltip("Rescale the gradient to the threshold when its global norm exceeds it "
                + "(Pascanu et al. 2013)"));
        row.span(clip);
        Node[] threshold = row.number("at", "threshold", viewModel.settings().clipThresholdProperty(),
                TrainingSettings.THRESHOLD, "Clipping threshold (logarithmic slider)");
        for (Node n : threshold) {
            n.disableProperty().bind(viewModel.settings().clipProperty().not());
        }
        ScrollPane scroll = new ScrollPane(g);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("controls-panel");
        return scroll;
    }

    private static ColumnConstraints grow() {
        ColumnConstraints c = new ColumnConstraints(100, 160, Double.MAX_VALUE);
        c.setHgrow(Priority.ALWAYS);
        return c;
    }

    /** Play/Pause, Step, Reset, and the trained network's two ways out. */
    private Node toolbar() {
        play.setId("playButton");
        play.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> viewModel.stateProperty().get() == TrainingLabViewModel.State.RUNNING ? "❚❚ Pause" : "▶ Play",
                viewModel.stateProperty()));
        play.setTooltip(new Tooltip("Train until paused (Space)"));
        play.setOnAction(e -> viewModel.togglePlay());
        Button step = button("Step", "stepButton", "One update (S)", viewModel::step);
        step.disableProperty().bind(viewModel.stateProperty().isEqualTo(TrainingLabViewModel.State.RUNNING));
        Button reset = button("Reset", "resetButton", "Back to step 0 with the settings shown (R)", this::reset);
        Button save = button("Save trained network…", "saveButton",
                "Write the network as a preset with its initial and trained parameters, for the dashboard", this::save);
        Button open = button("Open in dashboard", "openButton",
                "Show the trained network's gradients next to its initial ones in the dashboard", this::openInDashboard);
        Button export = button("Export views…", "exportButton",
                "Write the four views as they are now into a folder, as PNG slides of 3200×1800", this::exportViews);
        play.setMinWidth(130);
        Pane gap = new Pane();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(10, play, step, reset, gap, export, save, open);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("lab-toolbar");
        bar.setPadding(new Insets(8, 12, 8, 12));
        return bar;
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    /** Over the empty views while the run's data is drawn: how far it has come (seconds at T = 1000). */
    private Node preparingIndicator() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setId("labPreparing");
        spinner.progressProperty().bind(viewModel.preparingProperty());
        spinner.setPrefSize(72, 72);
        Label what = new Label("Preparing the data and the untrained network…");
        what.getStyleClass().add("description");
        VBox box = new VBox(12, spinner, what);
        box.setAlignment(Pos.CENTER);
        box.setMouseTransparent(true);
        box.visibleProperty().bind(viewModel.preparingProperty().greaterThanOrEqualTo(0)
                .and(viewModel.snapshotProperty().isNull()));
        return box;
    }

    private Node footer() {
        Label status = new Label();
        status.setId("labStatus");
        status.getStyleClass().add("status");
        status.textProperty().bind(viewModel.statusProperty());
        Label error = new Label();
        error.setId("labError");
        error.getStyleClass().add("error");
        error.setWrapText(true);
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isEmpty().not());
        error.managedProperty().bind(error.visibleProperty());
        VBox box = new VBox(4, status, error);
        box.getStyleClass().add("footer");
        return box;
    }

    /** Lays out the control rows of the panel, top to bottom. */
    private final class Row {
        private final GridPane panel;
        private int row;

        Row(GridPane panel) {
            this.panel = panel;
        }

        void section(String title) {
            Label l = new Label(title);
            l.getStyleClass().add("section");
            span(l);
        }

        void span(Node n) {
            panel.add(n, 0, row++, 3, 1);
        }

        <E> ComboBox<E> choice(String label, String id, javafx.beans.property.ObjectProperty<E> value, E[] items,
                               Function<E, String> name, String tip) {
            ComboBox<E> box = new ComboBox<>(FXCollections.observableList(Arrays.asList(items)));
            box.setId(id);
            box.setMaxWidth(Double.MAX_VALUE);
            box.setConverter(new StringConverter<>() {
                @Override
                public String toString(E e) {
                    return e == null ? "" : name.apply(e);
                }

                @Override
                public E fromString(String s) {
                    return Arrays.stream(items).filter(e -> name.apply(e).equals(s.toLowerCase(Locale.ROOT)))
                            .findFirst().orElse(null);
                }
            });
            box.valueProperty().bindBidirectional(value);
            box.setTooltip(new Tooltip(tip));
            panel.add(controlLabel(label), 0, row);
            panel.add(box, 1, row++, 2, 1);
            return box;
        }

        /** A slider, its field and the field's message; returns the slider and the field. */
        Node[] number(String label, String id, DoubleProperty value, NumberSpec spec, String tip) {
            return number(label, id, value, spec, tip, true);
        }

        Node[] number(String label, String id, DoubleProperty value, NumberSpec spec, String tip, boolean slides) {
            Slider slider = new Slider();
            slider.setId(id + "Slider");
            slider.setTooltip(new Tooltip(tip));
            slider.setBlockIncrement(spec.log() ? 0.05 : (spec.max() - spec.min()) / 50);
            TextField field = new TextField();
            field.setId(id + "Field");
            field.getStyleClass().add("number-field");
            field.setPrefColumnCount(6);
            field.setTooltip(new Tooltip("Type a value and press Enter"));
            Label message = new Label();
            message.setId(id + "Message");
            message.getStyleClass().add("field-message");
            message.setWrapText(true);
            numbers.add(NumberField.bind(slides ? slider : null, field, message, value, spec));
            panel.add(controlLabel(label), 0, row);
            if (slides) {
                panel.add(slider, 1, row);
                panel.add(field, 2, row++);
            } else {
                panel.add(field, 1, row++, 2, 1);
            }
            panel.add(message, 0, row++, 3, 1);
            return new Node[] {slider, field};
        }

        private Label controlLabel(String text) {
            Label l = new Label(text);
            l.getStyleClass().add("control-label");
            return l;
        }
    }

    // ---- files ----------------------------------------------------------------------------------------------------

    private void save() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the trained network as a preset");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Vanish presets (*.json)", "*.json"));
        chooser.setInitialDirectory(lastFolder());
        chooser.setInitialFileName("trained-" + viewModel.settings().cellProperty().get().id() + "-"
                + viewModel.settings().taskProperty().get().id() + ".json");
        File f = chooser.showSaveDialog(getScene().getWindow());
        if (f == null) {
            return;
        }
        String name = f.getName().toLowerCase(Locale.ROOT).endsWith(".json") ? f.getName() : f.getName() + ".json";
        Path file = f.toPath().resolveSibling(name);
        // the dialog asked about the name it returned; a name completed here was never asked about
        if (!file.equals(f.toPath()) && Files.exists(file)) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, file.getFileName() + " exists. Replace it?",
                    ButtonType.OK, ButtonType.CANCEL);
            ask.initOwner(getScene().getWindow());
            if (ask.showAndWait().filter(ButtonType.OK::equals).isEmpty()) {
                return;
            }
        }
        viewModel.save(file).thenAccept(saved::add);
    }

    /** The folder of the network saved last, if it still exists; else null (the chooser's default). */
    private File lastFolder() {
        List<Path> recent = saved.list();
        Path dir = recent.isEmpty() ? null : recent.get(0).getParent();
        return dir != null && Files.isDirectory(dir) ? dir.toFile() : null;
    }

    private void exportViews() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export the four views (PNG, 3200×1800) into a folder");
        chooser.setInitialDirectory(lastFolder());
        File dir = chooser.showDialog(getScene().getWindow());
        if (dir != null) {
            viewModel.exportViews(dir.toPath(), 2);
        }
    }

    private void openInDashboard() {
        viewModel.trainedPreset().thenAccept(openInDashboard);
    }
}
