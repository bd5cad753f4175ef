package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.vanish.engine.CellType;
import org.vanish.engine.InitScheme;
import org.vanish.engine.RunResult;
import org.vanish.figure.LayerChoice;
import org.vanish.figure.LayeredFigure;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;
import org.vanish.preset.RunConfig;

/** The layer chooser, the layers and bidirectional controls, and the controls of weights from a file: no toolkit. */
class DashboardLayersTest {
    static final String DRAWN_STACK = "{\"name\": \"stack\", \"seed\": 2, \"steps\": 12, \"inputSize\": 3,"
            + " \"hiddenSize\": 6, \"runs\": [{\"label\": \"rnn\", \"cell\": \"rnn\", \"layers\": 3,"
            + " \"bidirectional\": true}, {\"label\": \"gru\", \"cell\": \"gru\"}]}";
    private static final Path TRAINED = Path.of("presets", "keys-trained-lstm.json");

    private final DashboardViewModel dashboard = new DashboardViewModel(Runnable::run, Runnable::run);
    private final ControlsViewModel controls = new ControlsViewModel(dashboard);

    private List<String> seriesKeys(String view) {
        XYDataset d = ((XYPlot) dashboard.figure(view).chart(dashboard.getFullResults()).getPlot()).getDataset(0);
        List<String> keys = new ArrayList<>();
        for (int s = 0; s < d.getSeriesCount(); s++) {
            keys.add(d.getSeriesKey(s).toString());
        }
        return keys;
    }

    @Test
    void thePresetsLayerFieldChoosesTheLayersAndTheCurrentStateKeepsTheChoice() throws Exception {
        LayerChooser layers = dashboard.layers();
        String withLayer = DRAWN_STACK.replace("{\"name\": \"stack\",", "{\"name\": \"stack\", \"layer\": \"2-backward\",");
        dashboard.setPreset(PresetCodec.parse(withLayer));
        assertEquals(new LayerChoice(2, true), layers.getChoice(), "opened on the preset's layer");
        assertEquals(List.of("rnn · layer 2 backward"), seriesKeys("gradient-norm"));
        assertEquals("2-backward", dashboard.currentPreset().layer());

        layers.choiceProperty().set(layers.fromLabel("layer 3 forward"));
        Preset saved = PresetCodec.parse(PresetCodec.write(dashboard.currentPreset()));
        assertEquals("3-forward", saved.layer(), "saved (and a deck slide made) with the layers on screen");
        controls.stepsProperty().set(10);
        assertEquals(new LayerChoice(3, false), layers.getChoice(), "an edit keeps the choice");
        assertTrue(dashboard.undo());
        assertEquals(new LayerChoice(3, false), layers.getChoice(), "undo changes values, not where one looks");

        layers.choiceProperty().set(LayerChoice.ALL);
        assertEquals(null, dashboard.currentPreset().layer());
        dashboard.setPreset(saved);
        assertEquals(new LayerChoice(3, false), layers.getChoice());
        dashboard.setPreset(PresetCodec.parse(DRAWN_STACK));
        assertEquals(LayerChoice.ALL, layers.getChoice(), "a preset without the field draws all layers");
    }

    @Test
    void theChooserOffersTheLayersOfTheRunsOnScreenAndEveryViewDrawsTheChoice() throws Exception {
        LayerChooser layers = dashboard.layers();
        dashboard.loadDefault();
        assertFalse(layers.shownProperty().get(), "no stacked run: no chooser");
        assertEquals(List.of(LayerChoice.ALL), layers.choicesProperty().get());

        dashboard.setPreset(PresetCodec.parse(DRAWN_STACK));
        assertTrue(layers.shownProperty().get());
        assertEquals(List.of("all layers", "layer 1 forward", "layer 1 backward", "layer 2 forward",
                "layer 2 backward", "layer 3 forward", "layer 3 backward"),
                layers.choicesProperty().get().stream().map(layers::label).toList());
        assertEquals(LayerChoice.ALL, layers.getChoice(), "all layers first");
        assertEquals(7, seriesKeys("gradient-norm").size(), "6 layers and directions of the rnn, and the gru");

        layers.choiceProperty().set(layers.fromLabel("layer 2 backward"));
        assertEquals(new LayerChoice(2, true), layers.getChoice());
        assertEquals(List.of("rnn · layer 2 backward"), seriesKeys("gradient-norm"));
        assertEquals(List.of("rnn · layer 2 backward"), seriesKeys("jacobian-product"));
        assertEquals(new LayerChoice(2, true), ((LayeredFigure) dashboard.figure("heatmap")).choice(),
                "exports draw the choice on screen");

        layers.choiceProperty().set(layers.fromLabel("layer 1 forward"));
        assertEquals(List.of("rnn · layer 1 forward", "gru"), seriesKeys("gradient-norm"),
                "a one-layer run is layer 1 forward");

        layers.choiceProperty().set(new LayerChoice(3, false));
        dashboard.setPreset(PresetCodec.parse(DRAWN_STACK.replace("\"layers\": 3", "\"layers\": 2")));
        assertEquals(LayerChoice.ALL, layers.getChoice(), "a layer the new preset lacks falls back to all layers");
        dashboard.loadDefault();
        assertFalse(layers.shownProperty().get());
    }

    @Test
    void layersAndBidirectionalEditTheDrawnRunsAndUndo() throws Exception {
        dashboard.loadDefault();
        assertEquals(1, controls.layersProperty().get());
        assertFalse(controls.bidirectionalProperty().get());
        controls.readoutProperty().set(ControlsViewModel.FIRST_UNIT_READOUT);
        controls.stepsProperty().set(20);
        controls.hiddenSizeProperty().set(8);

        controls.layersProperty().set(3);
        controls.bidirectionalProperty().set(true);
        Preset p = dashboard.getPreset();
        for (RunConfig r : p.runs()) {
            assertEquals(3, r.layers(), r.label());
            assertTrue(r.bidirectional(), r.label());
            assertEquals(16, r.readout().length, "e_1 follows the readout's length, 2n");
        }
        for (RunResult r : dashboard.getResults()) {
            assertEquals(6, r.layers().size(), r.spec().label());
        }
        assertTrue(dashboard.layers().shownProperty().get(), "the chooser appears with the layers");

        dashboard.undo();
        assertFalse(dashboard.getPreset().runs().get(0).bidirectional());
        assertEquals(3, dashboard.getPreset().runs().get(0).layers());
        assertFalse(controls.bidirectionalProperty().get(), "undo fills the controls");
        dashboard.undo();
        assertEquals(1, dashboard.getPreset().runs().get(0).layers());
        assertEquals(1, controls.layersProperty().get());
    }

    @Test
    void aTrainedNetworkBesideADrawnOneKeepsItsLayersAndTheControlsSayWhat() throws Exception {
        assertTrue(dashboard.load(TRAINED));
        assertTrue(controls.drawnProperty().get(), "the untrained twin is drawn");
        String note = controls.weightsNoteProperty().get();
        assertTrue(note.startsWith("lstm trained: weights from the file"), note);
        assertTrue(note.contains("change lstm untrained only"), note);
        assertEquals(2, controls.layersProperty().get());
        assertEquals(InitScheme.PYTORCH, controls.initProperty().get(), "the drawn run's init, not the file's");

        controls.layersProperty().set(4);
        RunConfig trained = dashboard.getPreset().runs().get(0);
        RunConfig untrained = dashboard.getPreset().runs().get(1);
        assertEquals(2, trained.layers(), "weights from a file keep their layers");
        assertTrue(trained.weightsGiven(), "and their weights");
        assertEquals(4, untrained.layers());

        // n too: at another n the trained run would be a random network under its label
        controls.hiddenSizeProperty().set(48);
        trained = dashboard.getPreset().runs().get(0);
        untrained = dashboard.getPreset().runs().get(1);
        assertEquals(32, trained.hiddenSize(), "weights from a file keep their n");
        assertTrue(trained.weightsGiven(), "and their weights");
        assertEquals(48, untrained.hiddenSize());
        assertEquals(48, controls.hiddenSizeProperty().get(), "n speaks for the drawn run");
        assertTrue(controls.weightsNoteProperty().get().contains("n, init, gain"), controls.weightsNoteProperty().get());
    }

    @Test
    void controlsThatDoNothingForWeightsFromAFileAreOffAndTheWScaleStillScales() throws Exception {
        Preset file = PresetCodec.read(TRAINED);
        Preset alone = file.withRuns(List.of(file.runs().get(0)));
        dashboard.setPreset(alone);
        assertFalse(controls.drawnProperty().get(), "init, gain and layers draw nothing");
        assertFalse(controls.seedUsedProperty().get(), "text input, readout from the file: the seed draws nothing");
        assertFalse(controls.drawnProperty(CellType.LSTM).get(), "the gate biases are the file's");
        assertTrue(controls.weightsNoteProperty().get().startsWith("This network's weights come from the file"));

        RunResult atOne = dashboard.getResults().get(0);
        double[] fileW = alone.runs().get(0).stackParameters().get(1).get("W_f")[0];
        DMatrixRMaj w = atOne.layers().get(1).parameters().get("W_f");
        assertEquals(fileW[1], w.get(0, 1), 1e-15, "layer 2's W_f is the file's at W scale 1");
        dashboard.setScale(0.5);
        RunResult atHalf = dashboard.getResults().get(0);
        assertEquals(0.5 * fileW[1], atHalf.layers().get(1).parameters().get("W_f").get(0, 1), 1e-15,
                "W scale scales a trained network's recurrent matrices");
        assertFalse(atOne.series().gradNorm[0] == atHalf.series().gradNorm[0], "and its gradients follow");

        // a drawn network again: the controls are back
        dashboard.setPreset(file.withRuns(List.of(file.runs().get(1))));
        assertTrue(controls.drawnProperty().get());
        assertTrue(controls.seedUsedProperty().get());
        assertEquals("", controls.weightsNoteProperty().get());
        assertEquals(InitScheme.PYTORCH, controls.initProperty().get());
    }
}
