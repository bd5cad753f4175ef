package org.vanish.ui;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;
import org.vanish.figure.LayerChoice;

/**
 * The layer and direction chooser above each of the dashboard's charts, bound to one {@link LayerChooser}: it sits
 * over the chart it changes, and takes no room for a preset without stacked or bidirectional runs.
 */
final class LayerBar {
    private LayerBar() {
    }

    /** node with the chooser in a bar above it. */
    static BorderPane above(Node node, LayerChooser chooser, String view) {
        HBox bar = new HBox(10, create(chooser, view));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("view-bar");
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.visibleProperty().bind(chooser.shownProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        BorderPane pane = new BorderPane(node);
        pane.setTop(bar);
        return pane;
    }

    /**
     * "layer [all layers ▾]" (id layerBox-VIEW), shown (and taking room) only while the preset has layers to choose
     * from; the box is made when first shown.
     */
    static HBox create(LayerChooser chooser, String view) {
        HBox bar = new HBox(8);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setMinWidth(HBox.USE_PREF_SIZE);
        bar.visibleProperty().bind(chooser.shownProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        // its label and box are made when first shown: most presets have one layer and never show them
        if (chooser.shownProperty().get()) {
            fill(bar, chooser, view);
        } else {
            chooser.shownProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                    if (now) {
                        o.removeListener(this);
                        fill(bar, chooser, view);
                    }
                }
            });
        }
        return bar;
    }

    private static void fill(HBox bar, LayerChooser chooser, String view) {
        ComboBox<LayerChoice> box = new ComboBox<>();
        box.setId("layerBox-" + view);
        box.setTooltip(new Tooltip("The layers and directions every view draws: all of them, or one layer in one"
                + " direction (its gradient, Jacobian products, spectra and per-unit heatmap)"));
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(LayerChoice c) {
                return chooser.label(c);
            }

            @Override
            public LayerChoice fromString(String s) {
                return chooser.fromLabel(s);
            }
        });
        box.setItems(FXCollections.observableArrayList(chooser.choicesProperty().get()));
        box.setValue(chooser.getChoice());
        chooser.choicesProperty().addListener((obs, was, now) -> {
            LayerChoice keep = chooser.getChoice();
            box.getItems().setAll(now);
            box.setValue(keep);
        });
        // both ways: the chooser may fall back to all layers when a preset without the chosen layer opens
        chooser.choiceProperty().addListener((obs, was, now) -> box.setValue(now));
        box.valueProperty().addListener((obs, was, now) -> {
            if (now != null) {
                chooser.choiceProperty().set(now);
            }
        });
        Label label = new Label("layer");
        label.getStyleClass().add("control-label");
        bar.getChildren().setAll(label, box);
    }
}
