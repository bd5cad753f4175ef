package org.vanish.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.vanish.preset.Deck;

/**
 * The deck panel: the slides in order (Enter or a double-click goes to one), and the lecturer's edits of the deck:
 * move a slide up or down, add the state on screen as a slide after the one shown, remove one, open another deck,
 * save the deck as a file. A window beside the app's, bound to a {@link DeckViewModel}.
 */
public final class DeckView {
    static final FileChooser.ExtensionFilter DECKS = new FileChooser.ExtensionFilter("Vanish decks (*.json)", "*.json");

    private final DeckViewModel deck;
    private final Stage stage = new Stage();
    private final ListView<Deck.Slide> list = new ListView<>();
    private final TextField title = new TextField();
    private final Consumer<Integer> go;

    /**
     * @param go shows slide i (the dashboard may first ask to save what is on screen)
     */
    public DeckView(DeckViewModel deck, Window owner, Consumer<Integer> go, Runnable open) {
        this.deck = deck;
        this.go = go;
        stage.initOwner(owner);
        stage.setTitle("Deck");
        list.setId("deckList");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Deck.Slide s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : (getIndex() + 1) + ". " + s.title() + "  (" + s.view() + ")");
                setStyle(!empty && getIndex() == deck.indexProperty().get() ? "-fx-font-weight: bold;" : "");
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                goSelected();
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                goSelected();
            }
        });
        deck.deckProperty().addListener((obs, was, now) -> fill());
        deck.indexProperty().addListener((obs, was, now) -> {
            list.refresh();
            if (now.intValue() >= 0) {
                list.getSelectionModel().select(now.intValue());
            }
        });
        title.setId("deckSlideTitle");
        title.setPromptText("title of the new slide");
        Button add = button("Add current", "Add what is on screen as a slide after the one shown",
                () -> deck.addCurrent(title.getText()));
        add.setId("deckAdd");
        Button up = button("Move up", "Move the chosen slide one place earlier", () -> move(-1));
        Button down = button("Move down", "Move the chosen slide one place later", () -> move(1));
        Button remove = button("Remove", "Remove the chosen slide from the deck", () -> {
            deck.remove(list.getSelectionModel().getSelectedIndex());
        });
        Button openDeck = button("Open deck…", "Open another deck (forgets the live changes)", open);
        Button save = button("Save deck as…", "Save the deck with your changes as a file", this::saveAs);
        Label error = new Label();
        error.getStyleClass().add("error");
        error.setWrapText(true);
        error.textProperty().bind(deck.errorProperty());
        HBox adding = new HBox(8, title, add);
        HBox.setHgrow(title, Priority.ALWAYS);
        HBox editing = new HBox(8, up, down, remove);
        HBox files = new HBox(8, openDeck, save);
        VBox bottom = new VBox(8, adding, editing, files, error);
        bottom.setPadding(new Insets(8, 0, 0, 0));
        BorderPane root = new BorderPane(list);
        root.setBottom(bottom);
        root.setPadding(new Insets(10));
        Scene scene = new Scene(root, 620, 640);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        fill();
    }

    private static Button button(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    /** Shows the panel (again) in front. */
    public void show() {
        stage.show();
        stage.toFront();
        list.requestFocus();
    }

    private void fill() {
        Deck d = deck.deckProperty().get();
        list.getItems().setAll(d == null ? List.of() : d.slides());
        stage.setTitle("Deck · " + (d == null ? "" : d.name()));
        int i = deck.indexProperty().get();
        if (i >= 0) {
            list.getSelectionModel().select(i);
        }
    }

    private void goSelected() {
        int i = list.getSelectionModel().getSelectedIndex();
        if (i >= 0) {
            go.accept(i);
        }
    }

    private void move(int by) {
        int i = list.getSelectionModel().getSelectedIndex();
        deck.move(i, by);
        list.getSelectionModel().select(Math.max(0, Math.min(list.getItems().size() - 1, i + by)));
    }

    private void saveAs() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the deck");
        chooser.getExtensionFilters().add(DECKS);
        Path current = deck.fileProperty().get();
        chooser.setInitialFileName(current != null ? current.getFileName().toString() : "my-lecture.json");
        if (current != null && current.toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(current.toAbsolutePath().getParent().toFile());
        } else if (Files.isDirectory(Path.of("presets/decks"))) {
            chooser.setInitialDirectory(Path.of("presets/decks").toAbsolutePath().toFile());
        }
        java.io.File f = chooser.showSaveDialog(stage);
        if (f != null) {
            Path file = f.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? f.toPath()
                    : f.toPath().resolveSibling(f.getName() + ".json");
            deck.saveAs(file);
        }
    }
}
