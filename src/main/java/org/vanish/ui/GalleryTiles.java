package org.vanish.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

/**
 * The gallery's tiles, one a preset (its figure's thumbnail, its name; its description as a tooltip), under a
 * heading a group, in a scroll pane. Driven by the keyboard: the arrow keys move between tiles (up and down to the
 * nearest tile of the row above or below, across groups), Home and End go to the first and last, Enter opens,
 * typing filters by name and Backspace undoes it; a double click opens too.
 */
final class GalleryTiles {
    /** A thumbnail's size in logical pixels: a 16∶10 third of a 1280 px window's width. */
    static final int THUMB_WIDTH = 280;
    static final int THUMB_HEIGHT = 175;
    /** The gap between tiles, and a tile's width with its frame. */
    static final double GAP = 14;
    static final double TILE_WIDTH = THUMB_WIDTH + 16;
    /** Two lines of a name. */
    private static final double NAME_HEIGHT = 46;

    private final List<Tile> tiles = new ArrayList<>();
    private final Map<PresetGallery.Group, Label> headings = new EnumMap<>(PresetGallery.Group.class);
    private final Map<PresetGallery.Group, TilePane> panes = new EnumMap<>(PresetGallery.Group.class);
    private final VBox content = new VBox(8);
    private final ScrollPane scroll = new ScrollPane(content);
    private final ReadOnlyObjectWrapper<PresetGallery.Entry> focused = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<String> filter = new ReadOnlyObjectWrapper<>("");
    private final Consumer<PresetGallery.Entry> open;
    private int arrived;

    GalleryTiles(List<PresetGallery.Entry> entries, Consumer<PresetGallery.Entry> open) {
        this.open = open;
        focused.set(entries.isEmpty() ? null : entries.get(0));
        content.getStyleClass().add("gallery-content");
        for (PresetGallery.Entry e : entries) {
            PresetGallery.Group g = e.group();
            TilePane pane = panes.computeIfAbsent(g, k -> {
                Label heading = new Label(k.heading());
                heading.getStyleClass().add("gallery-heading");
                headings.put(k, heading);
                TilePane p = new TilePane(GAP, GAP);
                p.setPrefTileWidth(TILE_WIDTH);
                content.getChildren().addAll(heading, p);
                return p;
            });
            Tile t = new Tile(e);
            tiles.add(t);
            pane.getChildren().add(t);
        }
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("gallery");
        scroll.setId("preset-gallery");
        scroll.getProperties().put(GalleryTiles.class, this);
        scroll.addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
        scroll.addEventFilter(KeyEvent.KEY_TYPED, this::keyTyped);
    }

    Node root() {
        return scroll;
    }

    /** The preset whose tile has (or last had) the focus, the one Enter opens: the first until another is. */
    ReadOnlyObjectProperty<PresetGallery.Entry> focusedProperty() {
        return focused.getReadOnlyProperty();
    }

    /** What has been typed to filter the tiles by name; empty for all. */
    ReadOnlyObjectProperty<String> filterProperty() {
        return filter.getReadOnlyProperty();
    }

    /** Gives the focus to the first tile shown. */
    void focusFirst() {
        visible().stream().findFirst().ifPresent(Node::requestFocus);
    }

    /** Shows entry's thumbnail in place of its placeholder. */
    void show(PresetGallery.Entry entry, Image image) {
        tile(entry).shown(image);
    }

    /** Says, in entry's tile, that its thumbnail could not be drawn. */
    void failed(PresetGallery.Entry entry, String why) {
        tile(entry).failed(why);
    }

    /** How many tiles have their thumbnail (or its failure) by now. */
    int arrived() {
        return arrived;
    }

    int size() {
        return tiles.size();
    }

    private Tile tile(PresetGallery.Entry entry) {
        return tiles.stream().filter(t -> t.entry == entry).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tile for " + entry.file()));
    }

    private List<Tile> visible() {
        return tiles.stream().filter(Node::isVisible).toList();
    }

    private void keyPressed(KeyEvent e) {
        List<Tile> shown = visible();
        Tile at = shown.stream().filter(Node::isFocused).findFirst().orElse(null);
        Tile to = null;
        switch (e.getCode()) {
            case LEFT, RIGHT -> to = at == null ? null
                    : shown.get(Math.floorMod(shown.indexOf(at) + (e.getCode() == javafx.scene.input.KeyCode.LEFT
                            ? -1 : 1), shown.size()));
            case UP, DOWN -> to = at == null ? null : vertical(shown, at, e.getCode() == javafx.scene.input.KeyCode.UP);
            case HOME -> to = shown.isEmpty() ? null : shown.get(0);
            case END -> to = shown.isEmpty() ? null : shown.get(shown.size() - 1);
            case ENTER -> {
                if (at != null) {
                    open.accept(at.entry);
                }
            }
            case BACK_SPACE -> setFilter(filter.get().isEmpty() ? "" : filter.get().substring(0, filter.get().length() - 1));
            case ESCAPE -> {
                if (filter.get().isEmpty()) {
                    return;   // the dialog's Cancel
                }
                setFilter("");
            }
            default -> {
                return;
            }
        }
        e.consume();
        if (to != null) {
            to.requestFocus();
        }
    }

    private void keyTyped(KeyEvent e) {
        String c = e.getCharacter();
        if (c.isEmpty() || e.isShortcutDown() || e.isAltDown() || c.charAt(0) < ' ' || c.charAt(0) == 127) {
            return;
        }
        e.consume();
        setFilter(filter.get() + c);
    }

    private void setFilter(String text) {
        filter.set(text);
        String f = text.toLowerCase(Locale.ROOT);
        for (Tile t : tiles) {
            boolean match = t.entry.name().toLowerCase(Locale.ROOT).contains(f)
                    || t.entry.file().toLowerCase(Locale.ROOT).contains(f);
            t.setVisible(match);
            t.setManaged(match);
        }
        for (Map.Entry<PresetGallery.Group, TilePane> p : panes.entrySet()) {
            boolean any = p.getValue().getChildren().stream().anyMatch(Node::isVisible);
            for (Node n : List.of(headings.get(p.getKey()), p.getValue())) {
                n.setVisible(any);
                n.setManaged(any);
            }
        }
        if (visible().isEmpty()) {
            // nothing matches: nothing to open, and the typing stays here (Backspace, Esc)
            focused.set(null);
            scroll.requestFocus();
        } else if (visible().stream().noneMatch(Node::isFocused)) {
            focusFirst();
        }
    }

    /** The tile in the row above (or below) at, nearest it across; at itself at the top (bottom). */
    private static Tile vertical(List<Tile> shown, Tile at, boolean up) {
        Bounds from = at.localToScene(at.getBoundsInLocal());
        double x = from.getCenterX();
        List<Tile> beyond = shown.stream().filter(t -> {
            Bounds b = t.localToScene(t.getBoundsInLocal());
            return up ? b.getMaxY() <= from.getMinY() : b.getMinY() >= from.getMaxY();
        }).toList();
        if (beyond.isEmpty()) {
            return at;
        }
        Comparator<Tile> rowFirst = Comparator.comparingDouble(t -> {
            double y = t.localToScene(t.getBoundsInLocal()).getMinY();
            return up ? -y : y;
        });
        double row = beyond.stream().min(rowFirst).map(t -> t.localToScene(t.getBoundsInLocal()).getMinY()).orElseThrow();
        return beyond.stream().filter(t -> Math.abs(t.localToScene(t.getBoundsInLocal()).getMinY() - row) < 1)
                .min(Comparator.comparingDouble(t -> Math.abs(t.localToScene(t.getBoundsInLocal()).getCenterX() - x)))
                .orElse(at);
    }

    /** Scrolls so that the whole of node is in view. */
    private void reveal(Node node) {
        Bounds view = scroll.getViewportBounds();
        Bounds b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double extra = content.getBoundsInLocal().getHeight() - view.getHeight();
        if (extra <= 0) {
            return;
        }
        double top = scroll.getVvalue() * extra;
        if (b.getMinY() - GAP < top) {
            scroll.setVvalue(Math.max(0, (b.getMinY() - GAP) / extra));
        } else if (b.getMaxY() + GAP > top + view.getHeight()) {
            scroll.setVvalue(Math.min(1, (b.getMaxY() + GAP - view.getHeight()) / extra));
        }
    }

    /** One preset's tile: the thumbnail (a placeholder until it arrives) over the name. */
    private final class Tile extends VBox {
        private final PresetGallery.Entry entry;
        private final ImageView image = new ImageView();
        private final Label placeholder = new Label("drawing…");

        Tile(PresetGallery.Entry entry) {
            super(6);
            this.entry = entry;
            getStyleClass().add("gallery-tile");
            setId("tile-" + entry.file().replace(".json", ""));
            setFocusTraversable(true);
            image.setFitWidth(THUMB_WIDTH);
            image.setFitHeight(THUMB_HEIGHT);
            image.setSmooth(true);
            placeholder.getStyleClass().add("gallery-placeholder");
            StackPane frame = new StackPane(placeholder, image);
            frame.getStyleClass().add("gallery-thumb");
            frame.setMinSize(THUMB_WIDTH, THUMB_HEIGHT);
            frame.setPrefSize(THUMB_WIDTH, THUMB_HEIGHT);
            frame.setMaxSize(THUMB_WIDTH, THUMB_HEIGHT);
            Label name = new Label(entry.name());
            name.getStyleClass().add("gallery-name");
            // two lines hold every shipped name; a longer one ends in an ellipsis, in full in the tooltip
            name.setWrapText(true);
            name.setMaxWidth(THUMB_WIDTH);
            name.setMinHeight(NAME_HEIGHT);
            name.setPrefHeight(NAME_HEIGHT);
            name.setMaxHeight(NAME_HEIGHT);
            name.setAlignment(javafx.geometry.Pos.TOP_LEFT);
            getChildren().addAll(frame, name);
            // made on the first hover: 26 tooltips made up front are a tenth of a second before the gallery shows
            addEventHandler(MouseEvent.MOUSE_ENTERED, e -> {
                if (getProperties().containsKey(Tooltip.class)) {
                    return;
                }
                Tooltip about = new Tooltip(entry.description());
                about.setWrapText(true);
                about.setMaxWidth(520);
                Tooltip.install(this, about);
                getProperties().put(Tooltip.class, about);
            });
            focusedProperty().addListener((obs, was, now) -> {
                if (now) {
                    focused.set(entry);
                    reveal(this);
                }
            });
            setOnMouseClicked(e -> {
                if (e.getButton() != MouseButton.PRIMARY) {
                    return;
                }
                requestFocus();
                if (e.getClickCount() == 2) {
                    open.accept(entry);
                }
            });
        }

        void shown(Image img) {
            image.setImage(img);
            placeholder.setVisible(false);
            arrived++;
        }

        void failed(String why) {
            placeholder.setText("no preview: " + why);
            placeholder.setWrapText(true);
            arrived++;
        }
    }
}
