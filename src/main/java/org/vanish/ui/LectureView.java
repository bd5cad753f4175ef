package org.vanish.ui;

import java.awt.geom.Point2D;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.vanish.figure.Demonstration;
import org.vanish.figure.Demonstrations;
import org.vanish.figure.Figures;
import org.vanish.lecture.Parameter;

/**
 * The lecture's tab: a chooser of the demonstrations in lecture order above (◀ ▶ step through them; Page Up /
 * Page Down step the lecture deck instead), the selected one's chart in the middle, and on the right its own
 * settings with its explanation under them (a slider and a number field each, built from its
 * {@link Parameter}s; on/off settings as check boxes). A click on the chart goes to the demonstration (the cliff
 * starts a descent there; the unrolled network selects a node). Bound to a {@link LectureViewModel}.
 */
public final class LectureView {
    /** The most of the side column's height the settings take before they scroll. */
    private static final double SETTINGS_SHARE = 0.55;
    /** The settings and explanation beside the chart take this share of the tab's width, within the bounds below. */
    private static final double SIDE_SHARE = 0.34;
    private static final double SIDE_MIN = 260;
    private static final double SIDE_MAX = 380;

    private final LectureViewModel viewModel;
    private final ChartViewer viewer = ScaledClips.install(new ChartViewer(null, false));
    private final VBox settingsBox = new VBox(6);
    private final Map<String, DoubleProperty> values = new HashMap<>();
    private final BorderPane root = new BorderPane();
    private boolean updating;

    public LectureView(LectureViewModel viewModel) {
        this.viewModel = viewModel;
        build();
    }

    /** The tab's content. */
    public Node root() {
        return root;
    }

    ChartViewer viewer() {
        return viewer;
    }

    private void build() {
        ComboBox<Demonstration> list = new ComboBox<>();
        list.setId("lectureList");
        list.getItems().setAll(Demonstrations.all());
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Demonstration d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : d.title());
                setTooltip(empty || d == null ? null : new Tooltip(d.source()));
            }
        });
        list.setButtonCell(list.getCellFactory().call(null));
        list.setValue(viewModel.selectedProperty().get());
        list.valueProperty().addListener((obs, was, now) -> {
            if (now != null) {
                viewModel.selectedProperty().set(now);
            }
        });
        viewModel.selectedProperty().addListener((obs, was, now) -> {
            list.setValue(now);
            buildSettings();
        });
        list.setTooltip(new Tooltip("The lecture's demonstrations, in order (◀ ▶ step through them; Page Up / Page Down"
                + " step through the lecture deck, whose slides include the dashboard's views)"));
        list.setMaxWidth(Double.MAX_VALUE);
        Button previous = new Button("◀");
        previous.setTooltip(new Tooltip("The previous demonstration"));
        previous.setOnAction(e -> step(-1));
        Button next = new Button("▶");
        next.setTooltip(new Tooltip("The next demonstration"));
        next.setOnAction(e -> step(1));
        HBox bar = new HBox(8, previous, list, next);
        HBox.setHgrow(list, Priority.ALWAYS);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("view-bar");
        bar.setPadding(new Insets(6, 10, 6, 10));

        viewer.setId("lectureChart");
        // no chart (the demonstration failed: its error says why) leaves no other demonstration's picture on screen
        viewModel.chartProperty().addListener((obs, was, now) -> {
            viewer.setVisible(now != null);
            if (now != null) {
                viewer.setChart(now);
            }
        });
        viewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX event) {
                click(event);
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX event) {
            }
        });
        Label explanation = new Label();
        explanation.setId("lectureExplanation");
        explanation.setWrapText(true);
        explanation.getStyleClass().add("explanation");
        explanation.textProperty().bind(viewModel.explanationProperty());
        explanation.setMaxWidth(Double.MAX_VALUE);
        explanation.setMinHeight(Label.USE_PREF_SIZE);
        Label error = new Label();
        error.setId("lectureError");
        error.setWrapText(true);
        error.getStyleClass().add("error");
        error.textProperty().bind(viewModel.errorProperty());
        error.managedProperty().bind(viewModel.errorProperty().isEmpty().not());
        error.visibleProperty().bind(error.managedProperty());
        Label status = new Label();
        status.getStyleClass().add("status");
        status.textProperty().bind(viewModel.statusProperty());
        // the chart has the whole height; the explanation reads beside it, under the settings, and scrolls
        ScrollPane explained = new ScrollPane(explanation);
        explained.setFitToWidth(true);
        explained.getStyleClass().add("explanation-pane");
        VBox centre = new VBox(6, viewer, error, status);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        centre.setPadding(new Insets(4, 8, 4, 8));

        settingsBox.getStyleClass().add("controls-grid");
        ScrollPane settings = new ScrollPane(settingsBox);
        settings.setFitToWidth(true);
        settings.getStyleClass().add("lecture-settings");
        settings.setMaxHeight(Region.USE_PREF_SIZE);
        settings.prefViewportHeightProperty().bind(settingsBox.heightProperty());
        VBox side = new VBox(settings, explained);
        VBox.setVgrow(explained, Priority.ALWAYS);
        // the settings take what they need up to half the height; the explanation the rest
        settings.maxHeightProperty().bind(side.heightProperty().multiply(SETTINGS_SHARE));
        side.getStyleClass().add("lecture-side");
        // beside the chart a third of the width, 260 to 380 pixels: at 1280×800 the chart keeps 540 of the 840
        javafx.beans.binding.DoubleBinding sideWidth = javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.max(SIDE_MIN, Math.min(SIDE_MAX, SIDE_SHARE * root.getWidth())), root.widthProperty());
        side.prefWidthProperty().bind(sideWidth);
        side.minWidthProperty().bind(sideWidth);
        side.maxWidthProperty().bind(sideWidth);
        viewModel.settingsProperty().addListener((obs, was, now) -> showValues(now));

        root.setTop(bar);
        root.setCenter(centre);
        root.setRight(side);
        buildSettings();
    }

    /** Selects the demonstration by steps after the current one in lecture order (wrapping around). */
    void step(int by) {
        java.util.List<Demonstration> all = Demonstrations.all();
        if (!all.isEmpty()) {
            int i = all.indexOf(viewModel.selectedProperty().get());
            viewModel.selectedProperty().set(all.get(Math.floorMod(i + by, all.size())));
        }
    }

    /** The settings panel of the selected demonstration. */
    private void buildSettings() {
        settingsBox.getChildren().clear();
        values.clear();
        Demonstration d = viewModel.selectedProperty().get();
        if (d == null) {
            return;
        }
        Label source = new Label(d.source());
        source.getStyleClass().add("status");
        source.setWrapText(true);
        Label note = new Label(d.usesRuns()
                ? "Drawn from the runs: the controls on the left drive it."
                : "A model of its own: the controls on the left do not apply; these do.");
        note.setWrapText(true);
        note.getStyleClass().add("status");
        settingsBox.getChildren().addAll(source, note);
        for (Parameter p : d.parameters()) {
            settingsBox.getChildren().add(control(p));
        }
        if (!d.parameters().isEmpty()) {
            Button defaults = new Button("Defaults");
            defaults.setTooltip(new Tooltip("Put every setting of this demonstration back to its default (undoable)"));
            defaults.setOnAction(e -> viewModel.resetSettings());
            settingsBox.getChildren().add(defaults);
        }
        showValues(viewModel.settingsProperty().get());
    }

    private Node control(Parameter p) {
        DoubleProperty value = new SimpleDoubleProperty(this, p.key(),
                viewModel.settingsProperty().get().getOrDefault(p.key(), p.defaultValue()));
        values.put(p.key(), value);
        Label message = new Label();
        message.getStyleClass().add("field-message");
        message.setWrapText(true);
        Tooltip help = new Tooltip(p.help());
        help.setWrapText(true);
        help.setMaxWidth(500);
        value.addListener((obs, was, now) -> {
            if (!updating) {
                try {
                    viewModel.set(p.key(), now.doubleValue());
                } catch (IllegalArgumentException e) {
                    message.setText(e.getMessage());
                }
            }
        });
        if (p.isChoice()) {
            Label label = new Label(p.label());
            label.getStyleClass().add("control-label");
            label.setTooltip(help);
            ComboBox<String> box = choice(p, value);
            box.setId("demo-" + p.key());
            box.setTooltip(help);
            box.setMaxWidth(Double.MAX_VALUE);
            return new VBox(2, label, box, message);
        }
        if (p.isFlag()) {
            CheckBox box = new CheckBox(p.label());
            box.setId("demo-" + p.key());
            box.setTooltip(help);
            box.setSelected(value.get() != 0);
            box.selectedProperty().addListener((obs, was, now) -> value.set(now ? 1 : 0));
            value.addListener((obs, was, now) -> box.setSelected(now.doubleValue() != 0));
            return box;
        }
        Label label = new Label(p.label());
        label.getStyleClass().add("control-label");
        label.setTooltip(help);
        label.setWrapText(true);
        Slider slider = new Slider();
        slider.setId("demo-" + p.key() + "-slider");
        slider.setTooltip(help);
        TextField field = new TextField();
        field.setId("demo-" + p.key());
        field.getStyleClass().add("number-field");
        field.setTooltip(help);
        NumberField.bind(slider, field, message, value, spec(p));
        HBox row = new HBox(8, slider, field);
        HBox.setHgrow(slider, Priority.ALWAYS);
        return new VBox(2, label, row, message);
    }

    /**
     * A list of a choice parameter's options bound to its value (the chosen option's index), both ways: choosing
     * sets the value, a value set elsewhere (undo, a slide, a preset) selects its option.
     */
    static ComboBox<String> choice(Parameter p, DoubleProperty value) {
        ComboBox<String> box = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(p.choices()));
        box.getSelectionModel().select((int) value.get());
        box.getSelectionModel().selectedIndexProperty().addListener((obs, was, now) -> {
            if (now.intValue() >= 0 && now.intValue() != (int) value.get()) {
                value.set(now.intValue());
            }
        });
        value.addListener((obs, was, now) -> box.getSelectionModel().select(now.intValue()));
        return box;
    }

    static NumberSpec spec(Parameter p) {
        double range = p.max() - p.min();
        int decimals = p.log() ? 3 : range <= 2 ? 3 : range <= 20 ? 2 : 1;
        return new NumberSpec(p.label(), p.min(), p.max(), p.integer(), p.log(), decimals);
    }

    private void showValues(Map<String, Double> now) {
        updating = true;
        try {
            now.forEach((k, v) -> {
                DoubleProperty p = values.get(k);
                if (p != null && p.get() != v) {
                    p.set(v);
                }
            });
        } finally {
            updating = false;
        }
    }

    /** Hands a click to the demonstration, in the data coordinates of the (sub-)plot under the pointer. */
    private void click(ChartMouseEventFX event) {
        JFreeChart chart = event.getChart();
        ChartRenderingInfo info = viewer.getRenderingInfo();
        if (chart == null || info == null || !event.getTrigger().isStillSincePress()) {
            return;
        }
        Point2D at = new Point2D.Double(event.getTrigger().getX(), event.getTrigger().getY());
        Figures.dataPoint(chart, info.getPlotInfo(), at).ifPresent(xy -> viewModel.click(xy[0], xy[1]));
    }
}
