package org.vanish.ui;

import java.util.List;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The shipped presets with their descriptions; choosing one (double click, Enter or Open) returns it. */
final class PresetGalleryDialog {
    private static final double WIDTH = 900;
    private static final double HEIGHT = 560;

    private PresetGalleryDialog() {
    }

    static Optional<PresetGallery.Entry> show(Window owner, List<PresetGallery.Entry> entries) {
        Dialog<PresetGallery.Entry> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Presets gallery");
        dialog.setHeaderText("The presets that ship with Vanish: each makes one lecture point");
        ButtonType open = new ButtonType("Open", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(open, ButtonType.CANCEL);
        ListView<PresetGallery.Entry> list = new ListView<>();
        list.setId("preset-gallery");
        list.getItems().setAll(entries);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(PresetGallery.Entry e, boolean empty) {
                super.updateItem(e, empty);
                if (empty || e == null) {
                    setGraphic(null);
                    return;
                }
                Label name = new Label(e.name() + "   (" + e.file() + ")");
                name.getStyleClass().add("gallery-name");
                Label where = new Label("opens on: " + e.opensOn());
                where.getStyleClass().add("status");
                Label about = new Label(e.description());
                about.setWrapText(true);
                about.setMaxWidth(WIDTH - 80);
                about.getStyleClass().add("gallery-description");
                setGraphic(new VBox(2, name, where, about));
            }
        });
        list.getSelectionModel().selectFirst();
        list.setPrefSize(WIDTH, HEIGHT);
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                dialog.setResult(list.getSelectionModel().getSelectedItem());
                dialog.close();
            }
        });
        dialog.getDialogPane().setContent(list);
        dialog.getDialogPane().lookupButton(open).disableProperty()
                .bind(list.getSelectionModel().selectedItemProperty().isNull());
        dialog.setResultConverter(b -> b == open ? list.getSelectionModel().getSelectedItem() : null);
        return dialog.showAndWait();
    }
}
