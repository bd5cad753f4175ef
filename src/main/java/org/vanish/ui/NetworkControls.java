package org.vanish.ui;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import org.vanish.engine.CellType;
import org.vanish.preset.InputSpec;
import org.vanish.preset.Preset;
import org.vanish.preset.RunConfig;

/**
 * The part of the controls panel about the network as drawn or as given: the layers and directions of the drawn
 * runs, and which controls still do something when some runs' weights come from a file (an imported or trained
 * network, {@link RunConfig#weightsGiven()}). n, init, gain and the gate biases draw only drawn runs; the seed also
 * draws the noise input and a seeded readout. The W scale always applies: it scales given matrices too.
 */
final class NetworkControls {
    public static final NumberSpec LAYERS = NumberSpec.whole("layers", 1, org.vanish.engine.RunSpec.MAX_LAYERS);
    /** The tooltip of a control that does nothing for the network on screen. */
    static final String FROM_FILE = "This network's weights come from the file: this control does not change them"
            + " (the W scale still scales its recurrent matrices)";

    final DoubleProperty layers = new SimpleDoubleProperty(this, "layers", 1);
    final BooleanProperty bidirectional = new SimpleBooleanProperty(this, "bidirectional", false);
    /** Whether some run is drawn (init, gain, layers act on it). */
    final ReadOnlyBooleanWrapper drawn = new ReadOnlyBooleanWrapper(this, "drawn", true);
    /** Whether the seed draws anything: a drawn run, the noise input or a seeded readout. */
    final ReadOnlyBooleanWrapper seedUsed = new ReadOnlyBooleanWrapper(this, "seedUsed", true);
    private final Map<CellType, ReadOnlyBooleanWrapper> drawnCells = new EnumMap<>(CellType.class);
    /** A line on which runs come from a file and what the controls change; empty when every run is drawn. */
    final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "weightsNote", "");

    NetworkControls() {
        for (CellType c : CellType.values()) {
            drawnCells.put(c, new ReadOnlyBooleanWrapper(this, "drawn " + c.id(), true));
        }
    }

    /** Sets the controls and states from p (the first drawn run speaks for the layers). */
    void fill(Preset p) {
        List<RunConfig> runs = p.runs();
        List<RunConfig> drawnRuns = runs.stream().filter(r -> !r.weightsGiven()).toList();
        RunConfig speaker = drawnRuns.isEmpty() ? runs.get(0) : drawnRuns.get(0);
        layers.set(speaker.layers());
        bidirectional.set(speaker.bidirectional());
        drawn.set(!drawnRuns.isEmpty());
        for (CellType c : CellType.values()) {
            drawnCells.get(c).set(drawnRuns.stream().anyMatch(r -> r.cell() == c));
        }
        seedUsed.set(!drawnRuns.isEmpty() || InputSpec.NOISE.equals(p.inputs().kind())
                || runs.stream().anyMatch(r -> r.readout() == null));
        note.set(note(runs, drawnRuns));
    }

    /** What the panel says about runs whose weights come from a file; empty when there are none. */
    static String note(List<RunConfig> runs, List<RunConfig> drawnRuns) {
        if (drawnRuns.size() == runs.size()) {
            return "";
        }
        if (drawnRuns.isEmpty()) {
            return "This network's weights come from the file: n, init, gain, gate biases and layers do not apply."
                    + " W scale still scales its recurrent matrices.";
        }
        String given = String.join(", ", runs.stream().filter(RunConfig::weightsGiven).map(RunConfig::label).toList());
        String others = String.join(", ", drawnRuns.stream().map(RunConfig::label).toList());
        return given + ": weights from the file. n, init, gain, seed, gate biases and layers change " + others
                + " only; W scale scales both.";
    }

    /** Whether a drawn run has cell c (its gate-bias controls act on it). */
    ReadOnlyBooleanProperty drawnProperty(CellType c) {
        return drawnCells.get(c).getReadOnlyProperty();
    }

    ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }
}
