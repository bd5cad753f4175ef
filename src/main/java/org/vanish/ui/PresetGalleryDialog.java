package org.vanish.ui;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Window;

/**
 * The shipped presets as thumbnails of their figures, grouped as they open (dashboard, lecture, training lab). It
 * opens at once with placeholders, the focus on the first tile; the thumbnails come in from the cache or the
 * figure layer as they are ready. Enter, a double click or Open returns the chosen preset; Esc closes.
 */
final class PresetGalleryDialog {
    /** The hint under the tiles. */
    static final String KEYS = "Arrow keys choose · Enter or double click opens · type to filter by name · Esc closes";

    /** Width around the tiles: the dialog's padding, the scroll bar, the tiles' own padding. */
    private static final double CHROME = 70;
    /** The height of the dialog's button bar and padding, below the content. */
    private static final double BUTTONS = 70;
    /** Three lines of the description at 16 px. */
    private static final double ABOUT_HEIGHT = 66;

    /** A gallery built but not yet shown: its dialog and its tiles. */
    record Gallery(Dialog<PresetGallery.Entry> dialog, GalleryTiles tiles) {
    }

    private PresetGalleryDialog() {
    }

    /** Shows the gallery and waits; the preset chosen, if one was. */
    static Optional<PresetGallery.Entry> show(Window owner, List<PresetGallery.Entry> entries, ThumbnailLoader loader) {
        return create(owner, entries, loader).dialog().showAndWait();
    }

    /** Builds the gallery over owner; its thumbnails start loading when it is shown and stop when it closes. */
    static Gallery create(Window owner, List<PresetGallery.Entry> entries, ThumbnailLoader loader) {
        Dialog<PresetGallery.Entry> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Presets gallery");
        dialog.setHeaderText(null);
        dialog.setResizable(true);
        ButtonType open = new ButtonType("Open", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(open, ButtonType.CANCEL);
        dialog.getDialogPane().getStyleClass().add("gallery-dialog");
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        GalleryTiles tiles = new GalleryTiles(entries, e -> {
            dialog.setResult(e);
            dialog.close();
        });
        Label about = new Label();
        about.getStyleClass().add("gallery-description");
        about.setWrapText(true);
        // three lines, whatever the description: the tiles above do not jump as the focus moves; a longer one ends
        // in an ellipsis and is whole in the tile's tooltip
        about.setMinHeight(ABOUT_HEIGHT);
        about.setPrefHeight(ABOUT_HEIGHT);
        about.setMaxHeight(ABOUT_HEIGHT);
        about.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        about.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            PresetGallery.Entry e = tiles.focusedProperty().get();
            return e == null ? "" : e.name() + " — opens on " + e.opensOn() + ".  " + e.description();
        }, tiles.focusedProperty()));
        Label hint = new Label(KEYS);
        hint.getStyleClass().add("status");
        tiles.filterProperty().addListener((obs, was, f) -> hint.setText(f.isEmpty() ? KEYS
                : "Filter: “" + f + "” · Backspace removes a letter · Esc shows all"));
        VBox body = new VBox(10, tiles.root(), about, hint);
        VBox.setVgrow(tiles.root(), Priority.ALWAYS);
        Rectangle2D room = screenOf(owner);
        // as many whole columns of tiles as fit, three to five, so no strip of nothing is left on the right
        double tile = GalleryTiles.TILE_WIDTH + GalleryTiles.GAP;
        int columns = (int) Math.max(3, Math.min(5, Math.floor((room.getWidth() * 0.94 - CHROME) / tile)));
        body.setPrefSize(columns * tile + CHROME - GalleryTiles.GAP, Math.min(room.getHeight() * 0.9 - BUTTONS, 940));
        dialog.getDialogPane().setContent(body);
        dialog.getDialogPane().lookupButton(open).disableProperty().bind(tiles.focusedProperty().isNull());
        dialog.setResultConverter(b -> b == open ? tiles.focusedProperty().get() : null);
        ThumbnailLoader.Loading[] loading = new ThumbnailLoader.Loading[1];
        double scale = owner == null ? 1 : Math.max(1, owner.getOutputScaleX());
        // after the dialog has given its buttons the focus, so the first tile keeps it; the thumbnails start once
        // the placeholders are up
        dialog.setOnShown(e -> javafx.application.Platform.runLater(() -> {
            tiles.focusFirst();
            if (!dialog.isShowing()) {
                return;
            }
            loading[0] = loader.load(entries, GalleryTiles.THUMB_WIDTH, GalleryTiles.THUMB_HEIGHT, scale,
                    new ThumbnailLoader.Listener() {
                        @Override
                        public void shown(PresetGallery.Entry entry, Image image) {
                            tiles.show(entry, image);
                        }

                        @Override
                        public void failed(PresetGallery.Entry entry, String why) {
                            tiles.failed(entry, why);
                        }
                    });
        }));
        tiles.focusedProperty().addListener((obs, was, now) -> {
            if (loading[0] != null && now != null) {
                loading[0].prefer(now);
            }
        });
        dialog.setOnHidden(e -> {
            if (loading[0] != null) {
                loading[0].cancel();
            }
        });
        return new Gallery(dialog, tiles);
    }

    private static Rectangle2D screenOf(Window owner) {
        if (owner == null) {
            return Screen.getPrimary().getVisualBounds();
        }
        List<Screen> screens = Screen.getScreensForRectangle(owner.getX(), owner.getY(), owner.getWidth(),
                owner.getHeight());
        return (screens.isEmpty() ? Screen.getPrimary() : screens.get(0)).getVisualBounds();
    }
}
