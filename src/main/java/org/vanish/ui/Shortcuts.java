package org.vanish.ui;

import javafx.beans.property.DoubleProperty;
import javafx.scene.Parent;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/** The keys of the main sliders and views, so a lecturer can drive the dashboard without a mouse. */
final class Shortcuts {
    static final double SCALE_STEP = 0.05;
    static final String TEXT = String.join("\n",
            "Ctrl+→ / Ctrl+←          W scale +0.05 / −0.05",
            "Ctrl+↑ / Ctrl+↓          sequence length T × 2 / ÷ 2",
            "Ctrl+Shift+↑ / ↓         hidden size n × 2 / ÷ 2",
            "Ctrl+1 … Ctrl+6          gradient norm, Jacobian product, spectrum, product spectrum, heatmap, lecture",
            "Page Up / Page Down      the previous / next slide of the lecture deck (set up as the deck says)",
            "Ctrl+Z / Ctrl+Shift+Z    undo / redo a parameter change",
            "Ctrl+O, Ctrl+S, Ctrl+Shift+S   open, save, save as",
            "Ctrl+E                   export the view on screen (PNG 1×/2×/3×, SVG)",
            "Ctrl+Shift+E             export the whole dashboard as one PNG",
            "Ctrl+Shift+C             copy the view on screen to the clipboard",
            "Ctrl+G                   the presets gallery",
            "Ctrl+I, Ctrl+L, Ctrl+B   input sensitivity, linear-case line, Pascanu bound (gradient norm)",
            "Ctrl+M                   mean-field slope ½·log10 χ per step (gradient norm)",
            "F11 or F5, Esc           presentation mode: the chart alone, full screen; Esc leaves",
            "  in it: Page Down/Up, → ←, ↓ ↑  next / previous slide; Home / End the first / last",
            "  in it: H hides the strip of controls; B or . blanks the screen (any key brings it back)",
            "Ctrl+Shift+O, Ctrl+K     open a lecture deck; the deck's slides (reorder, add, remove, save)",
            "In a slider: ← → ↑ ↓ small steps, Home / End the ends; in a field: type a value and press Enter");

    private static final KeyCombination SCALE_UP = KeyCombination.keyCombination("Shortcut+Right");
    private static final KeyCombination SCALE_DOWN = KeyCombination.keyCombination("Shortcut+Left");
    private static final KeyCombination STEPS_UP = KeyCombination.keyCombination("Shortcut+Up");
    private static final KeyCombination STEPS_DOWN = KeyCombination.keyCombination("Shortcut+Down");
    private static final KeyCombination HIDDEN_UP = KeyCombination.keyCombination("Shortcut+Shift+Up");
    private static final KeyCombination HIDDEN_DOWN = KeyCombination.keyCombination("Shortcut+Shift+Down");

    private Shortcuts() {
    }

    static void install(Parent root, ControlsViewModel controls, TabPane views) {
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
                return;   // in a text field Ctrl+arrows move the caret by words; they must not change the picture
            }
            if (SCALE_UP.match(e)) {
                nudge(controls.scaleProperty(), ControlsViewModel.SCALE, SCALE_STEP);
            } else if (SCALE_DOWN.match(e)) {
                nudge(controls.scaleProperty(), ControlsViewModel.SCALE, -SCALE_STEP);
            } else if (HIDDEN_UP.match(e)) {
                times(controls.hiddenSizeProperty(), ControlsViewModel.HIDDEN, 2);
            } else if (HIDDEN_DOWN.match(e)) {
                times(controls.hiddenSizeProperty(), ControlsViewModel.HIDDEN, 0.5);
            } else if (STEPS_UP.match(e) && !controls.stepsFromInputProperty().get()) {
                times(controls.stepsProperty(), ControlsViewModel.STEPS, 2);
            } else if (STEPS_DOWN.match(e) && !controls.stepsFromInputProperty().get()) {
                times(controls.stepsProperty(), ControlsViewModel.STEPS, 0.5);
            } else if (e.isShortcutDown() && !e.isShiftDown() && e.getCode().isDigitKey()) {
                int tab = e.getCode().ordinal() - (e.getCode().isKeypadKey() ? KeyCode.NUMPAD1 : KeyCode.DIGIT1).ordinal();
                if (tab < 0 || tab >= views.getTabs().size()) {
                    return;
                }
                views.getSelectionModel().select(tab);
            } else {
                return;
            }
            e.consume();
        });
    }

    private static void nudge(DoubleProperty p, NumberSpec spec, double by) {
        p.set(Math.max(spec.min(), Math.min(spec.max(), Math.round((p.get() + by) * 100) / 100.0)));
    }

    private static void times(DoubleProperty p, NumberSpec spec, double factor) {
        p.set(Math.max(spec.min(), Math.min(spec.max(), Math.rint(p.get() * factor))));
    }
}
