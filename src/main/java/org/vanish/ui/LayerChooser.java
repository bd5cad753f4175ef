package org.vanish.ui;

import java.util.List;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.vanish.figure.LayerChoice;
import org.vanish.preset.RunConfig;

/**
 * Which layers and directions of stacked and bidirectional runs the dashboard's views draw: all layers (the
 * default: the gradient fading down the layers is the point of a stacked run, and each layer and direction has a
 * labelled curve of its own), or one layer in one direction (every view then draws that layer: its gradient, its
 * Jacobian products, its matrices' spectra, its per-unit heatmap). Offered only while a run of the preset on screen
 * has more than one layer or direction. On the UI thread only.
 */
public final class LayerChooser {
    private final ObjectProperty<LayerChoice> choice = new SimpleObjectProperty<>(this, "layerChoice", LayerChoice.ALL);
    private final ReadOnlyObjectWrapper<List<LayerChoice>> choices =
            new ReadOnlyObjectWrapper<>(this, "layerChoices", List.of(LayerChoice.ALL));
    private final ReadOnlyBooleanWrapper bidirectional = new ReadOnlyBooleanWrapper(this, "bidirectional", false);
    private final BooleanBinding shown = Bindings.createBooleanBinding(() -> choices.get().size() > 1, choices);

    LayerChooser() {
        choice.addListener((obs, was, now) -> {
            if (now == null) {
                choice.set(LayerChoice.ALL);
            }
        });
    }

    /** A new preset's runs: the choices they offer; the choice stays if it is still offered, else all layers. */
    void showRuns(List<RunConfig> runs) {
        int layers = runs.stream().mapToInt(RunConfig::layers).max().orElse(1);
        boolean bi = runs.stream().anyMatch(RunConfig::bidirectional);
        bidirectional.set(bi);
        List<LayerChoice> offered = LayerChoice.choices(layers, bi);
        choices.set(offered);
        if (!offered.contains(choice.get())) {
            choice.set(LayerChoice.ALL);
        }
    }

    /** The layers and directions drawn; never null (setting null chooses all layers). */
    public ObjectProperty<LayerChoice> choiceProperty() {
        return choice;
    }

    public LayerChoice getChoice() {
        return choice.get();
    }

    /** What the preset's runs offer: all layers, then layer 1 (forward, backward), layer 2, .... */
    public ReadOnlyObjectProperty<List<LayerChoice>> choicesProperty() {
        return choices.getReadOnlyProperty();
    }

    /** True when some run has more than one layer or direction: only then is the chooser shown. */
    public BooleanBinding shownProperty() {
        return shown;
    }

    /** The text of a choice in the chooser: "all layers", "layer 2", "layer 2 backward". */
    public String label(LayerChoice c) {
        return c == null ? "" : c.label(bidirectional.get());
    }

    /** The choice in a preset's {@code layer} form ("2", "2-backward"), null for all layers. */
    String id() {
        return choice.get() == LayerChoice.ALL ? null : choice.get().id(bidirectional.get());
    }

    /** Chooses what a preset's {@code layer} field names, if the runs offer it; else (or for null) all layers. */
    void choose(String id) {
        LayerChoice c = LayerChoice.parseOrAll(id);
        choice.set(choices.get().contains(c) ? c : LayerChoice.ALL);
    }

    /** The choice whose {@link #label} is text, or all layers. */
    public LayerChoice fromLabel(String text) {
        return choices.get().stream().filter(c -> label(c).equals(text)).findFirst().orElse(LayerChoice.ALL);
    }
}
