package org.vanish.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.vanish.figure.Demonstration;
import org.vanish.figure.Demonstrations;
import org.vanish.lecture.Parameter;

/**
 * The two or three controls that stay on screen in presentation mode, by key: the run controls ({@code scale},
 * {@code steps}, {@code hiddenSize}, {@code gain}, a gate bias) and a demonstration's own settings; on a dashboard
 * view of stacked or bidirectional runs also the layer chooser. Each is a slider
 * and a number field (or a check box) bound to the same state as the dashboard's own controls, until the next
 * {@link #build}.
 */
final class PresentationControls {
    private final ControlsViewModel controls;
    private final LectureViewModel lecture;
    private final LayerChooser layers;
    /** Undoes the bindings of the controls built last. */
    private final List<Runnable> unbind = new ArrayList<>();
    /** The layer chooser of a dashboard view's slide, made once and shown only while the runs have layers. */
    private Node layerBar;

    PresentationControls(ControlsViewModel controls, LectureViewModel lecture, LayerChooser layers) {
        this.controls = controls;
        this.lecture = lecture;
        this.layers = layers;
    }

    /** The keys shown when a slide names none: what matters most for the view. */
    static List<String> defaults(String view) {
        Optional<Demonstration> demo = Demonstrations.byName(view == null ? "" : view);
        if (demo.isEmpty()) {
            return List.of("scale", "steps");
        }
        List<String> keys = new ArrayList<>();
        if (demo.get().usesRuns()) {
            keys.add("scale");
        }
        for (Parameter p : demo.get().parameters()) {
            if (keys.size() < 2) {
                keys.add(p.key());
            }
        }
        return keys;
    }

    /** The gate biases' names on the strip: which gate, as well as the symbol of the dashboard's controls. */
    private static final Map<String, String> BIAS_NAMES = Map.of("b_f", "forget bias b_f", "b_i", "input bias b_i",
            "b_o", "output bias b_o", "b_u", "GRU update bias b_u", "b_r", "GRU reset bias b_r");

    /** Builds the controls for keys on view (the defaults when keys is empty); unknown keys are left out. */
    List<Node> build(List<String> keys, String view) {
        dispose();
        List<Node> out = new ArrayList<>();
        Optional<Demonstration> demo = Demonstrations.byName(view == null ? "" : view);
        for (String key : keys.isEmpty() ? defaults(view) : keys) {
            Optional<Parameter> setting = demo.flatMap(d -> d.parameters().stream()
                    .filter(p -> p.key().equals(key)).findFirst());
            if (setting.isPresent()) {
                out.add(setting(setting.get()));
            } else {
                run(key).ifPresent(out::add);
            }
        }
        if (demo.isEmpty()) {
            // a stacked or bidirectional run's views: which layer they draw is the slide's point
            if (layerBar == null) {
                layerBar = LayerBar.create(layers, "slide");
            }
            out.add(layerBar);
        }
        return out;
    }

    /** Unbinds the controls built last from the dashboard's state. */
    void dispose() {
        unbind.forEach(Runnable::run);
        unbind.clear();
    }

    private Optional<Node> run(String key) {
        DoubleProperty model;
        NumberSpec spec;
        switch (key) {
            case "scale" -> {
                model = controls.scaleProperty();
                spec = ControlsViewModel.SCALE;
            }
            case "steps" -> {
                model = controls.stepsProperty();
                spec = ControlsViewModel.STEPS;
            }
            case "hiddenSize" -> {
                model = controls.hiddenSizeProperty();
                spec = ControlsViewModel.HIDDEN;
            }
            case "gain" -> {
                model = controls.gainProperty();
                spec = ControlsViewModel.GAIN;
            }
            default -> {
                model = controls.biasProperty(key);
                spec = ControlsViewModel.BIAS;
            }
        }
        if (model == null) {
            return Optional.empty();
        }
        DoubleProperty local = new SimpleDoubleProperty(model.get());
        local.bindBidirectional(model);
        unbind.add(() -> local.unbindBidirectional(model));
        Node row = row(key, BIAS_NAMES.getOrDefault(key, spec.name()), local, spec);
        if (key.equals("steps")) {
            row.disableProperty().bind(controls.stepsFromInputProperty());
            unbind.add(() -> row.disableProperty().unbind());
        }
        return Optional.of(row);
    }

    private Node setting(Parameter p) {
        DoubleProperty local = new SimpleDoubleProperty(lecture.settingsProperty().get()
                .getOrDefault(p.key(), p.defaultValue()));
        boolean[] updating = {false};
        ChangeListener<Map<String, Double>> fromModel = (obs, was, now) -> {
            Double v = now.get(p.key());
            if (v != null && v != local.get()) {
                updating[0] = true;
                local.set(v);
                updating[0] = false;
            }
        };
        lecture.settingsProperty().addListener(fromModel);
        unbind.add(() -> lecture.settingsProperty().removeListener(fromModel));
        local.addListener((obs, was, now) -> {
            if (!updating[0]) {
                try {
                    lecture.set(p.key(), now.doubleValue());
                } catch (IllegalArgumentException e) {
                    // the field's own check has said why; the slider cannot leave the range
                }
            }
        });
        if (p.isChoice()) {
            Label name = new Label(p.label());
            name.getStyleClass().add("strip-label");
            name.setMinWidth(Region.USE_PREF_SIZE);
            javafx.scene.control.ComboBox<String> box = LectureView.choice(p, local);
            box.setId("slide-" + p.key());
            HBox row = new HBox(8, name, box);
            row.setAlignment(Pos.CENTER_LEFT);
            return row;
        }
        if (p.isFlag()) {
            CheckBox box = new CheckBox(p.label());
            box.setId("slide-" + p.key());
            box.setMinWidth(Region.USE_PREF_SIZE);   // "skip connections" in full, as the sliders' names are
            box.setSelected(local.get() != 0);
            box.selectedProperty().addListener((obs, was, now) -> local.set(now ? 1 : 0));
            local.addListener((obs, was, now) -> box.setSelected(now.doubleValue() != 0));
            return box;
        }
        return row(p.key(), p.label(), local, LectureView.spec(p));
    }

    private static Node row(String key, String label, DoubleProperty value, NumberSpec spec) {
        Label name = new Label(label);
        name.getStyleClass().add("strip-label");
        name.setMinWidth(Region.USE_PREF_SIZE);   // the slider gives way, never the name
        Slider slider = new Slider();
        slider.setId("slide-" + key + "-slider");
        slider.setPrefWidth(180);
        slider.setMinWidth(60);
        TextField field = new TextField();
        field.setId("slide-" + key);
        field.getStyleClass().add("number-field");
        field.setPrefColumnCount(5);
        field.setMinWidth(Region.USE_PREF_SIZE);
        Label message = new Label();
        message.getStyleClass().add("field-message");
        NumberField.bind(slider, field, message, value, spec);
        HBox row = new HBox(8, name, slider, field, message);
        HBox.setHgrow(slider, javafx.scene.layout.Priority.SOMETIMES);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
