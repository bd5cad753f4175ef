package org.vanish.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;
import org.vanish.figure.Demonstration;
import org.vanish.figure.Demonstrations;
import org.vanish.preset.Deck;

/**
 * The dashboard's lecture deck and presentation mode together: the keys and menu items of the dashboard reach the
 * deck through it, and it keeps the presentation's slide (chart, title, place, controls) in step with what the
 * dashboard shows.
 */
final class Presenter {
    private final Node anchor;
    private final DashboardViewModel dashboard;
    private final LectureViewModel lecture;
    private final BooleanSupplier mayDiscard;
    private final Supplier<JFreeChart> chartOnScreen;
    private final DeckViewModel deck;
    private final PresentationMode mode;
    private final PresentationControls strip;
    private DeckView panel;

    /**
     * @param anchor        a node of the dashboard (its window is the one presented)
     * @param mayDiscard    asks before unsaved changes to a preset that is not a slide are replaced; true to go on
     * @param chartOnScreen the chart of the view or demonstration the dashboard shows (null while computing)
     */
    Presenter(Node anchor, DashboardViewModel dashboard, ControlsViewModel controls, LectureViewModel lecture,
              BooleanSupplier mayDiscard, Supplier<JFreeChart> chartOnScreen) {
        this.anchor = anchor;
        this.dashboard = dashboard;
        this.lecture = lecture;
        this.mayDiscard = mayDiscard;
        this.chartOnScreen = chartOnScreen;
        deck = new DeckViewModel(dashboard);
        deck.loadShipped();
        mode = new PresentationMode(anchor, this::step, () -> go(0),
                () -> go(deck.deckProperty().get().slides().size() - 1));
        strip = new PresentationControls(controls, lecture, dashboard.layers());
        mode.canvas().setOnChartClick((x, y) -> {
            if (Demonstrations.byName(String.valueOf(dashboard.viewProperty().get())).isPresent()) {
                lecture.click(x, y);
            }
        });
        dashboard.viewProperty().addListener((obs, was, now) -> {
            describe();
            chartChanged();
        });
        dashboard.presetNameProperty().addListener((obs, was, now) -> describe());
        deck.indexProperty().addListener((obs, was, now) -> describe());
        deck.deckProperty().addListener((obs, was, now) -> describe());
        mode.onProperty().addListener((obs, was, now) -> {
            describe();
            chartChanged();
        });
        describe();
    }

    DeckViewModel deck() {
        return deck;
    }

    PresentationMode mode() {
        return mode;
    }

    /** Enters or leaves presentation mode. */
    void toggle() {
        mode.onProperty().set(!mode.onProperty().get());
    }

    /** The dashboard's chart on screen changed: the slide shows it too. */
    void chartChanged() {
        if (mode.onProperty().get()) {
            mode.canvas().chartProperty().set(chartOnScreen.get());
        }
    }

    /** Steps through the deck (asking first if that would replace unsaved changes to a preset of the user's own). */
    void step(int by) {
        if (deck.onSlide() || mayDiscard.getAsBoolean()) {
            deck.step(by);
        }
    }

    /** Shows slide i (asking first, as {@link #step} does). */
    void go(int i) {
        if (deck.onSlide() || mayDiscard.getAsBoolean()) {
            deck.go(i);
        }
    }

    /** Loads a deck and shows its first slide; false (the error on the deck) if it cannot be used. */
    boolean open(Path file) {
        if (!deck.load(file)) {
            dashboard.reportError(deck.errorProperty().get());
            return false;
        }
        go(0);
        return true;
    }

    /** File → Open deck…: chooses a deck file and opens it. */
    void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a lecture deck");
        chooser.getExtensionFilters().add(DeckView.DECKS);
        Path current = deck.fileProperty().get();
        if (current != null && current.toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(current.toAbsolutePath().getParent().toFile());
        } else if (Files.isDirectory(Path.of("presets/decks"))) {
            chooser.setInitialDirectory(Path.of("presets/decks").toAbsolutePath().toFile());
        }
        java.io.File f = chooser.showOpenDialog(anchor.getScene().getWindow());
        if (f != null) {
            open(f.toPath());
        }
    }

    /** Shows the deck panel (its slides and the lecturer's edits). */
    void showPanel() {
        if (panel == null) {
            panel = new DeckView(deck, anchor.getScene().getWindow(), this::go, this::chooseAndOpen);
        }
        panel.show();
    }

    /** The slide's title, place and controls in the presentation's strip. */
    private void describe() {
        if (!mode.onProperty().get()) {
            strip.dispose();
            return;
        }
        String view = dashboard.viewProperty().get();
        Deck.Slide slide = deck.onSlide() ? deck.current() : null;
        boolean asDeckSays = slide != null && slide.view().equals(view);
        Optional<Demonstration> demo = Demonstrations.byName(String.valueOf(view));
        // off the deck: a demonstration's own title ("3 · Long-distance dependencies: …"), which the preset's name
        // would only repeat and push out of the strip; a dashboard view, whose chart names it, by the preset's name
        String title = asDeckSays ? slide.title()
                : demo.map(Demonstration::title).orElse(dashboard.presetNameProperty().get());
        mode.describe(title, deck.onSlide() ? deck.position() : "",
                strip.build(asDeckSays ? slide.controls() : List.of(), view));
    }
}
