package org.vanish.ui;

import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * Tooltips made when the pointer first enters their control, from the control's accessible help (the FXML's
 * {@code accessibleHelp="..."}, which screen readers read too): the controls panel has some thirty, and making each
 * at load time was a measurable share of the window's start. A control that already has a tooltip keeps it.
 */
final class LazyTooltips {
    private LazyTooltips() {
    }

    /** Gives each control under root its tooltip when the pointer first enters it. */
    static void install(Parent root) {
        root.addEventFilter(MouseEvent.MOUSE_ENTERED_TARGET, e -> {
            if (e.getTarget() instanceof Control c) {
                ensure(c);
            }
        });
    }

    /** Gives c a tooltip made from its accessible help, if it has none yet. */
    private static void ensure(Control c) {
        String help = c.getAccessibleHelp();
        if (c.getTooltip() == null && help != null && !help.isBlank()) {
            c.setTooltip(new Tooltip(help));
        }
    }
}
