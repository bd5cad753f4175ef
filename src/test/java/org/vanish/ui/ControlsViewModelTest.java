package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vanish.engine.Activation;
import org.vanish.engine.CellType;
import org.vanish.engine.InitScheme;
import org.vanish.preset.InputSpec;
import org.vanish.preset.Preset;
import org.vanish.preset.RunConfig;

class ControlsViewModelTest {
    private final DashboardViewModel dashboard = new DashboardViewModel(Runnable::run, Runnable::run);
    private final ControlsViewModel controls = new ControlsViewModel(dashboard);

    @Test
    void openingAPresetFillsTheControls() {
        dashboard.loadDefault();

        for (CellType c : CellType.values()) {
            assertTrue(controls.cellProperty(c).get(), c.id());
        }
        assertEquals(200, controls.stepsProperty().get());
        assertEquals(64, controls.hiddenSizeProperty().get());
        assertEquals(7, controls.seedProperty().get());
        assertEquals(1.0, controls.biasProperty("b_f").get());
        assertEquals(0.0, controls.biasProperty("b_u").get());
        assertEquals(InputSpec.NOISE, controls.inputKindProperty().get());
        assertEquals(0.05, controls.inputScaleProperty().get());
        assertFalse(dashboard.isModified());
    }

    @Test
    void everyControlEditsThePresetAndTheResults() {
        dashboard.loadDefault();
        double before = dashboard.getResults().get(0).series().gradNorm[0];

        controls.stepsProperty().set(50);
        controls.hiddenSizeProperty().set(16);
        controls.activationProperty().set(Activation.RELU);
        controls.initProperty().set(InitScheme.ORTHOGONAL);
        controls.biasProperty("b_u").set(-2);

        Preset p = dashboard.getPreset();
        assertEquals(50, p.steps());
        assertEquals(51, dashboard.getResults().get(0).series().gradNorm.length);
        assertTrue(p.runs().stream().allMatch(r -> r.hiddenSize() == 16 && r.init() == InitScheme.ORTHOGONAL));
        assertEquals("rnn relu", p.runs().get(0).label());
        RunConfig gru = p.runs().get(3);
        assertEquals(-2.0, gru.biases().get("b_u"));
        assertFalse(p.runs().get(2).biases().containsKey("b_u"), "lstm has no b_u");
        assertNotEquals(before, dashboard.getResults().get(0).series().gradNorm[0]);
        assertTrue(dashboard.isModified());
        assertTrue(dashboard.titleProperty().get().endsWith(" *"));
    }

    @Test
    void theCellsChooseTheRunsAndTheLastOneCannotGo() {
        dashboard.loadDefault();
        controls.cellProperty(CellType.ADDITIVE).set(false);
        controls.cellProperty(CellType.GRU).set(false);
        assertEquals(List.of(CellType.RNN, CellType.LSTM), cells());

        controls.cellProperty(CellType.GRU).set(true);
        assertEquals(List.of(CellType.RNN, CellType.LSTM, CellType.GRU), cells());
        assertEquals(3, dashboard.getResults().size());

        controls.cellProperty(CellType.RNN).set(false);
        controls.cellProperty(CellType.LSTM).set(false);
        controls.cellProperty(CellType.GRU).set(false);
        assertEquals("choose at least one cell to compare", controls.messageProperty().get());
        assertEquals(List.of(CellType.GRU), cells());
    }

    @Test
    void aTypedTextIsTheInputAndSetsT() {
        dashboard.loadDefault();
        controls.inputTextProperty().set("the cat sat on the mat");
        controls.inputKindProperty().set(InputSpec.TEXT);

        assertEquals(6, dashboard.getPreset().steps());
        assertEquals(6.0, controls.stepsProperty().get());
        assertTrue(controls.stepsFromInputProperty().get());

        controls.inputTextProperty().set("   ");
        assertEquals("type at least one word for a text input", controls.messageProperty().get());
        assertEquals(6, dashboard.getPreset().steps());
    }

    @Test
    void undoAndRedoWalkThroughParameterChanges() {
        dashboard.loadDefault();
        controls.stepsProperty().set(40);
        controls.hiddenSizeProperty().set(8);

        assertTrue(dashboard.undo());
        assertEquals(64, controls.hiddenSizeProperty().get());
        assertEquals(40, controls.stepsProperty().get());
        assertTrue(dashboard.undo());
        assertEquals(200, dashboard.getPreset().steps());
        assertFalse(dashboard.undo());
        assertTrue(dashboard.redo());
        assertEquals(40, dashboard.getPreset().steps());
    }

    private List<CellType> cells() {
        return dashboard.getPreset().runs().stream().map(RunConfig::cell).toList();
    }
}
