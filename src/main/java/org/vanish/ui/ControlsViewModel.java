package org.vanish.ui;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.vanish.engine.Activation;
import org.vanish.engine.CellType;
import org.vanish.engine.InitScheme;
import org.vanish.preset.InputSpec;
import org.vanish.preset.Preset;
import org.vanish.preset.RunConfig;

/**
 * The controls panel's state: one property per control. Moving a control edits the dashboard's preset through
 * {@link PresetEdits} (live, on every change); a preset shown by the dashboard (opened, undone) fills the controls.
 * On the UI thread only.
 */
public final class ControlsViewModel {
    /** The readout choices: v a seeded unit vector (the preset default) or e_1. */
    public static final String SEEDED_READOUT = "seeded unit vector";
    public static final String FIRST_UNIT_READOUT = "first unit";
    /** Shown, not chosen, when a preset's runs have some other explicit readout; it is kept until changed. */
    public static final String PRESET_READOUT = "from the preset";
    public static final List<String> READOUTS = List.of(SEEDED_READOUT, FIRST_UNIT_READOUT);
    public static final NumberSpec HIDDEN = NumberSpec.wholeLog("hidden size n", 1, 512);
    public static final NumberSpec STEPS = NumberSpec.wholeLog("sequence length T", 1, 10_000);
    public static final NumberSpec SCALE = NumberSpec.linear("W scale", DashboardViewModel.MIN_SCALE,
            DashboardViewModel.MAX_SCALE, 2);
    public static final NumberSpec GAIN = NumberSpec.linear("gain g", 0, 3, 2);
    public static final NumberSpec SEED = NumberSpec.whole("seed", 0, 1_000_000);
    public static final NumberSpec BIAS = NumberSpec.linear("a gate bias", -10, 10, 2);
    public static final NumberSpec INPUT_SCALE = NumberSpec.linear("input scale", 0, 3, 2);
    /** The bias controls, in panel order. */
    public static final List<String> BIASES = List.of("b_f", "b_i", "b_o", "b_u", "b_r");
    public static final List<String> INPUT_KINDS = List.of(InputSpec.NOISE, InputSpec.ZEROS, InputSpec.TEXT);

    private final DashboardViewModel dashboard;
    private final Map<CellType, BooleanProperty> cells = new LinkedHashMap<>();
    /** A run of PyTorch's GRU beside (or instead of) the seeds' one, whose checkbox is cells' GRU. */
    private final BooleanProperty pytorchGru = new SimpleBooleanProperty(this, "gruPytorch", false);
    private final ObjectProperty<Activation> activation = new SimpleObjectProperty<>(this, "activation", Activation.TANH);
    private final DoubleProperty hiddenSize = new SimpleDoubleProperty(this, "hiddenSize", 64);
    private final DoubleProperty steps = new SimpleDoubleProperty(this, "steps", 200);
    private final ObjectProperty<InitScheme> init = new SimpleObjectProperty<>(this, "init", InitScheme.GAUSSIAN);
    private final DoubleProperty gain = new SimpleDoubleProperty(this, "gain", 1);
    private final DoubleProperty seed = new SimpleDoubleProperty(this, "seed", 1);
    private final Map<String, DoubleProperty> biases = new LinkedHashMap<>();
    private final ObjectProperty<String> inputKind = new SimpleObjectProperty<>(this, "inputKind", InputSpec.NOISE);
    private final DoubleProperty inputScale = new SimpleDoubleProperty(this, "inputScale", 1);
    private final StringProperty inputText = new SimpleStringProperty(this, "inputText", "");
    private final ObjectProperty<String> readout = new SimpleObjectProperty<>(this, "readout", SEEDED_READOUT);
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final NetworkControls network = new NetworkControls();
    private final BooleanBinding stepsFromInput;
    private boolean filling;

    public ControlsViewModel(DashboardViewModel dashboard) {
        this.dashboard = Objects.requireNonNull(dashboard);
        for (CellType c : CellType.values()) {
            BooleanProperty on = new SimpleBooleanProperty(this, c.id(), false);
            cells.put(c, on);
            onChange(on, this::cellsEdit);
        }
        onChange(pytorchGru, this::cellsEdit);
        for (String b : BIASES) {
            DoubleProperty v = new SimpleDoubleProperty(this, b, 0);
            biases.put(b, v);
            onChange(v, p -> PresetEdits.bias(p, b, v.get()));
        }
        onChange(activation, p -> PresetEdits.activation(p, activation.get()));
        onChange(hiddenSize, p -> PresetEdits.hiddenSize(p, (int) hiddenSize.get()));
        onChange(steps, p -> PresetEdits.steps(p, (int) steps.get()));
        onChange(init, p -> PresetEdits.init(p, init.get()));
        UnaryOperator<Preset> architecture = p -> PresetEdits.architecture(p, (int) network.layers.get(),
                network.bidirectional.get());
        onChange(network.layers, architecture);
        onChange(network.bidirectional, architecture);
        onChange(gain, p -> PresetEdits.gain(p, gain.get()));
        onChange(seed, p -> PresetEdits.seed(p, (long) seed.get()));
        UnaryOperator<Preset> inputs = p -> PresetEdits.inputs(p, inputKind.get(), inputScale.get(), inputText.get(),
                (int) steps.get());
        onChange(inputKind, inputs);
        onChange(inputScale, inputs);
        onChange(inputText, inputs);
        onChange(readout, p -> READOUTS.contains(readout.get())
                ? PresetEdits.readout(p, FIRST_UNIT_READOUT.equals(readout.get())) : p);
        stepsFromInput = Bindings.createBooleanBinding(() -> InputSpec.TEXT.equals(inputKind.get())
                || InputSpec.EXPLICIT.equals(inputKind.get()), inputKind);
        dashboard.presetProperty().addListener((obs, was, now) -> fill(now));
        if (dashboard.getPreset() != null) {
            fill(dashboard.getPreset());
        }
    }

    private void onChange(javafx.beans.property.Property<?> control, UnaryOperator<Preset> edit) {
        control.addListener((obs, was, now) -> {
            if (filling || dashboard.getPreset() == null) {
                return;
            }
            try {
                dashboard.edit(edit, control.getName());
                message.set("");
            } catch (IllegalArgumentException e) {
                // the control stays where the user put it; the picture stays that of the last valid preset
                message.set(e.getMessage());
            }
        });
    }

    private Preset cellsEdit(Preset p) {
        Set<CellType> on = EnumSet.noneOf(CellType.class);
        cells.forEach((c, prop) -> {
            if (prop.get()) {
                on.add(c);
            }
        });
        Map<String, Double> b = new LinkedHashMap<>();
        biases.forEach((k, v) -> b.put(k, v.get()));
        Preset q = PresetEdits.cells(p, on, pytorchGru.get(), activation.get(), b);
        // a new run takes the readout chosen
        return FIRST_UNIT_READOUT.equals(readout.get()) ? PresetEdits.readout(q, true) : q;
    }

    /** Sets every control to what p says, without editing p: the first run of a kind speaks for its kind. */
    public void fill(Preset p) {
        if (p == null) {
            return;
        }
        filling = true;
        try {
            for (CellType c : CellType.values()) {
                cells.get(c).set(p.runs().stream().anyMatch(r -> r.cell() == c && !PresetEdits.isPytorchGru(r)));
            }
            pytorchGru.set(p.runs().stream().anyMatch(PresetEdits::isPytorchGru));
            RunConfig first = p.runs().get(0);
            p.runs().stream().filter(r -> r.cell().usesActivation()).findFirst()
                    .ifPresent(r -> activation.set(r.activation()));
            // n, init and gain speak for the drawn runs: they change nothing of weights from a file
            RunConfig drawnFirst = p.runs().stream().filter(r -> !r.weightsGiven()).findFirst().orElse(first);
            hiddenSize.set(drawnFirst.hiddenSize());
            steps.set(p.steps());
            init.set(drawnFirst.init());
            gain.set(drawnFirst.gain());
            seed.set(p.seed());
            for (String b : BIASES) {
                double v = p.runs().stream().filter(r -> r.cell().biasNames().contains(b)).findFirst()
                        .map(r -> r.biases().getOrDefault(b, 0.0)).orElse(0.0);
                biases.get(b).set(v);
            }
            network.fill(p);
            inputKind.set(p.inputs().kind());
            inputScale.set(p.inputs().scale());
            inputText.set(p.inputs().text() == null ? "" : p.inputs().text());
            double[] v = first.readout();
            readout.set(v == null ? SEEDED_READOUT : PresetEdits.isFirstUnit(v) ? FIRST_UNIT_READOUT : PRESET_READOUT);
            message.set("");
        } finally {
            filling = false;
        }
    }

    /** The layers of the drawn runs, 1 to 8. */
    public DoubleProperty layersProperty() {
        return network.layers;
    }

    /** Whether the drawn runs are bidirectional. */
    public BooleanProperty bidirectionalProperty() {
        return network.bidirectional;
    }

    /** False when every run's weights come from a file: init, gain and layers then do nothing. */
    public ReadOnlyBooleanProperty drawnProperty() {
        return network.drawn.getReadOnlyProperty();
    }

    /** Whether the seed draws anything (a drawn run, the noise input, a seeded readout). */
    public ReadOnlyBooleanProperty seedUsedProperty() {
        return network.seedUsed.getReadOnlyProperty();
    }

    /** Whether a drawn run has cell c, so that its gate biases do something. */
    public ReadOnlyBooleanProperty drawnProperty(CellType c) {
        return network.drawnProperty(c);
    }

    /** Which runs' weights come from a file and what the controls change; empty when every run is drawn. */
    public ReadOnlyStringProperty weightsNoteProperty() {
        return network.noteProperty();
    }

    public BooleanProperty cellProperty(CellType c) {
        return cells.get(c);
    }

    /** Whether a run of PyTorch's GRU is compared; {@link #cellProperty} of GRU is the seeds' (Cho's) GRU. */
    public BooleanProperty pytorchGruProperty() {
        return pytorchGru;
    }

    public ObjectProperty<Activation> activationProperty() {
        return activation;
    }

    public DoubleProperty hiddenSizeProperty() {
        return hiddenSize;
    }

    public DoubleProperty stepsProperty() {
        return steps;
    }

    /** True when T is the input's length (text), so the T control is read-only. */
    public BooleanBinding stepsFromInputProperty() {
        return stepsFromInput;
    }

    public ObjectProperty<InitScheme> initProperty() {
        return init;
    }

    public DoubleProperty gainProperty() {
        return gain;
    }

    public DoubleProperty seedProperty() {
        return seed;
    }

    /** The control of bias name: b_f, b_i, b_o (lstm), b_u, b_r (gru). */
    public DoubleProperty biasProperty(String name) {
        return biases.get(name);
    }

    public ObjectProperty<String> inputKindProperty() {
        return inputKind;
    }

    public DoubleProperty inputScaleProperty() {
        return inputScale;
    }

    public StringProperty inputTextProperty() {
        return inputText;
    }

    /** The readout v: {@link #SEEDED_READOUT} or {@link #FIRST_UNIT_READOUT} ({@link #PRESET_READOUT} shown only). */
    public ObjectProperty<String> readoutProperty() {
        return readout;
    }

    /** Why the last control change could not be applied; empty when it was. */
    public StringProperty messageProperty() {
        return message;
    }

    /** The W scale is the dashboard's own (the slider the lecture is about). */
    public DoubleProperty scaleProperty() {
        return dashboard.scaleProperty();
    }
}
