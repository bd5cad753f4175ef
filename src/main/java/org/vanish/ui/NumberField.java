package org.vanish.ui;

import javafx.beans.property.DoubleProperty;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * Binds a slider (may be null), the numeric field beside it and the message line under them to one value. The
 * slider applies on every move; the field applies on Enter or when it loses focus, and a value the
 * {@link NumberSpec} refuses shows its message and changes nothing.
 */
public final class NumberField {
    static final String INVALID = "invalid";
    private static final java.util.List<KeyCombination> UNDO_REDO = java.util.List.of(
            KeyCombination.keyCombination("Shortcut+Z"), KeyCombination.keyCombination("Shortcut+Shift+Z"),
            KeyCombination.keyCombination("Shortcut+Y"));

    private final Slider slider;
    private final TextField field;
    private final Label message;
    private final DoubleProperty value;
    private final NumberSpec spec;
    private boolean updating;

    private NumberField(Slider slider, TextField field, Label message, DoubleProperty value, NumberSpec spec) {
        this.slider = slider;
        this.field = field;
        this.message = message;
        this.value = value;
        this.spec = spec;
    }

    public static NumberField bind(Slider slider, TextField field, Label message, DoubleProperty value, NumberSpec spec) {
        NumberField f = new NumberField(slider, field, message, value, spec);
        f.wire();
        return f;
    }

    private void wire() {
        if (slider != null) {
            slider.setMin(spec.sliderMin());
            slider.setMax(spec.sliderMax());
            slider.setValue(spec.toSlider(value.get()));
            slider.valueProperty().addListener((obs, was, now) -> {
                if (!updating) {
                    value.set(spec.fromSlider(now.doubleValue()));
                }
            });
        }
        field.setText(spec.format(value.get()));
        value.addListener((obs, was, now) -> show(now.doubleValue()));
        field.setOnAction(e -> commit());
        field.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                commit();
            }
        });
        field.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
        message.managedProperty().bind(message.textProperty().isEmpty().not());
        message.visibleProperty().bind(message.managedProperty());
    }

    /**
     * Esc puts back the value's text (and clears the message of an invalid one). Undo and redo with nothing typed
     * since the last value are the window's (the menu's Ctrl+Z), not the field's own text undo, which would have
     * nothing to undo: typing 1.5 and Enter is undone by Ctrl+Z like a slider move.
     */
    private void keys(KeyEvent e) {
        boolean typed = !field.getText().equals(spec.format(value.get()));
        if (e.getCode() == KeyCode.ESCAPE && (typed || !message.getText().isEmpty())) {
            field.setText(spec.format(value.get()));
            field.positionCaret(field.getText().length());
            clear();
            e.consume();
            return;
        }
        if (typed || field.getScene() == null) {
            return;
        }
        for (KeyCombination k : UNDO_REDO) {
            Runnable action = k.match(e) ? field.getScene().getAccelerators().get(k) : null;
            if (action != null) {
                action.run();
                e.consume();
                return;
            }
        }
    }

    private void show(double v) {
        updating = true;
        try {
            // a slider already at v (mid-drag, between whole numbers) stays where the hand put it
            if (slider != null && spec.fromSlider(slider.getValue()) != v) {
                slider.setValue(spec.toSlider(v));
            }
            field.setText(spec.format(v));
            clear();
        } finally {
            updating = false;
        }
    }

    private void commit() {
        // leaving a field whose text is still what it showed (1.23 for 1.234) changes nothing
        if (field.getText().equals(spec.format(value.get()))) {
            clear();
            return;
        }
        try {
            double v = spec.parse(field.getText());
            clear();
            value.set(v);
        } catch (IllegalArgumentException e) {
            message.setText(e.getMessage());
            if (!field.getStyleClass().contains(INVALID)) {
                field.getStyleClass().add(INVALID);
            }
        }
    }

    private void clear() {
        message.setText("");
        field.getStyleClass().remove(INVALID);
    }
}
