package org.vanish.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.vanish.figure.SlideViews;
import org.vanish.files.AtomicFile;
import org.vanish.preset.Deck;
import org.vanish.preset.DeckCodec;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetException;

/**
 * The lecture deck being presented: its slides, which one is on screen, and the lecturer's live changes to each.
 * Going to a slide sets the dashboard up exactly as the slide says (its preset, view and settings); what the
 * lecturer changes on a slide is kept when they move on and shown again when they come back, until the deck is
 * loaded again. The lecturer can reorder, add the state on screen as a slide, remove, and save the deck.
 * On the UI thread only.
 */
public final class DeckViewModel {
    /** What a deck may name: the views, demonstrations and their controls. */
    public static final DeckCodec.Catalog CATALOG = new DeckCodec.Catalog(SlideViews.all(), SlideViews::controls);

    private final DashboardViewModel dashboard;
    private final ReadOnlyObjectWrapper<Deck> deck = new ReadOnlyObjectWrapper<>(this, "deck");
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(this, "index", -1);
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    /** The lecturer's state of each slide (null: as the deck has it), parallel to the deck's slides. */
    private final List<Preset> live = new ArrayList<>();
    /** The preset the dashboard was given for the slide on screen, to tell whether it still shows that slide. */
    private Preset applied;

    public DeckViewModel(DashboardViewModel dashboard) {
        this.dashboard = Objects.requireNonNull(dashboard);
    }

    /** Loads the lecture that ships with the app; on failure sets the error and keeps the deck. */
    public boolean loadShipped() {
        try {
            use(StartupPrefetch.shippedDeck(), null);
            return true;
        } catch (PresetException e) {
            error.set(e.getMessage());
            return false;
        }
    }

    /** Loads a deck file (forgetting every live change); on failure sets the error and keeps the deck. */
    public boolean load(Path path) {
        try {
            use(DeckCodec.read(path, CATALOG), path);
            return true;
        } catch (PresetException e) {
            error.set(e.getMessage());
            return false;
        }
    }

    /** Uses d as the deck, with no slide on screen yet and no live changes. */
    public void use(Deck d, Path from) {
        live.clear();
        d.slides().forEach(s -> live.add(null));
        applied = null;
        index.set(-1);
        file.set(from);
        error.set("");
        deck.set(d);
    }

    /** Whether the dashboard still shows the slide it was last given (the lecturer may have opened another preset). */
    public boolean onSlide() {
        Preset p = dashboard.getPreset();
        return index.get() >= 0 && applied != null && p != null && p.name().equals(applied.name())
                && p.runs().size() == applied.runs().size();
    }

    /**
     * Shows the slide by steps after the one on screen (clamped to the deck). With no slide on screen yet, the
     * first step goes to the slide that shows what is on screen (its view and preset), or the first slide.
     */
    public void step(int by) {
        Deck d = deck.get();
        if (d == null) {
            return;
        }
        int from = index.get();
        if (from < 0) {
            int near = nearest();
            go(near >= 0 ? near : by > 0 ? 0 : d.slides().size() - 1);
            return;
        }
        go(Math.max(0, Math.min(d.slides().size() - 1, from + by)));
    }

    /** The slide showing the dashboard's view on its preset (or at least its view); -1 if none. */
    private int nearest() {
        Preset p = dashboard.getPreset();
        String view = dashboard.viewProperty().get();
        List<Deck.Slide> slides = deck.get().slides();
        int sameView = -1;
        for (int i = 0; i < slides.size(); i++) {
            Deck.Slide s = slides.get(i);
            if (s.view().equals(view)) {
                if (p != null && s.preset().name().equals(p.name())) {
                    return i;
                }
                sameView = sameView < 0 ? i : sameView;
            }
        }
        return sameView;
    }

    /** Shows slide i: the lecturer's state of it if they changed it, else exactly as the deck has it. */
    public void go(int i) {
        Deck d = deck.get();
        if (d == null || i < 0 || i >= d.slides().size()) {
            return;
        }
        keepLive();
        Preset p = live.get(i) != null ? live.get(i) : d.slides().get(i).preset();
        applied = p;
        dashboard.setPreset(p);
        dashboard.viewProperty().set(p.view());
        index.set(i);
    }

    /** Records the state on screen as the live state of the slide on screen, if it still shows that slide. */
    private void keepLive() {
        if (onSlide()) {
            Preset now = dashboard.currentPreset();
            Deck.Slide s = deck.get().slides().get(index.get());
            live.set(index.get(), now.equals(s.preset()) ? null : now);
        }
    }

    /** The slide on screen; null when none is. */
    public Deck.Slide current() {
        int i = index.get();
        return deck.get() == null || i < 0 ? null : deck.get().slides().get(i);
    }

    /** Adds the state on screen as a slide after the one on screen (or at the end), titled title, and goes there. */
    public void addCurrent(String title) {
        keepLive();
        Preset now = dashboard.currentPreset();
        String view = now.view() != null ? now.view() : DeckCodec.DEFAULT_VIEW;
        Deck.Slide slide = new Deck.Slide(title.isBlank() ? now.name() : title.strip(), null, now.withView(view),
                List.of());
        List<Deck.Slide> slides = new ArrayList<>(deck.get().slides());
        int at = index.get() < 0 ? slides.size() : index.get() + 1;
        slides.add(at, slide);
        live.add(at, null);
        deck.set(deck.get().withSlides(slides));
        index.set(at);
        applied = dashboard.getPreset();
    }

    /** Removes slide i (the deck keeps at least one). */
    public void remove(int i) {
        Deck d = deck.get();
        if (d == null || i < 0 || i >= d.slides().size() || d.slides().size() == 1) {
            return;
        }
        List<Deck.Slide> slides = new ArrayList<>(d.slides());
        slides.remove(i);
        live.remove(i);
        if (index.get() == i) {
            index.set(-1);
            applied = null;
        } else if (index.get() > i) {
            index.set(index.get() - 1);
        }
        deck.set(d.withSlides(slides));
    }

    /** Moves slide i by places (−1 up, +1 down), its live state and the slide on screen with it. */
    public void move(int i, int by) {
        Deck d = deck.get();
        int j = i + by;
        if (d == null || i < 0 || i >= d.slides().size() || j < 0 || j >= d.slides().size()) {
            return;
        }
        List<Deck.Slide> slides = new ArrayList<>(d.slides());
        slides.add(j, slides.remove(i));
        live.add(j, live.remove(i));
        if (index.get() == i) {
            index.set(j);
        } else if (index.get() == j) {
            index.set(i);
        }
        deck.set(d.withSlides(slides));
    }

    /**
     * Saves the deck as the lecturer has it (with their live changes) to path, atomically. A slide that names a
     * preset file names it again, relative to the new place; one from the app's own lecture, or changed live, is
     * written inline.
     */
    public boolean saveAs(Path path) {
        keepLive();
        Deck d = deck.get();
        Path from = file.get() == null ? null : file.get().toAbsolutePath().getParent();
        Path to = path.toAbsolutePath().getParent();
        List<Deck.Slide> slides = new ArrayList<>();
        for (int i = 0; i < d.slides().size(); i++) {
            Deck.Slide s = d.slides().get(i);
            if (live.get(i) != null) {
                s = s.withPreset(live.get(i));
            } else if (s.source() != null) {
                Path target = from == null ? null : from.resolve(s.source()).normalize();
                s = target == null || !Files.exists(target) ? s.withSource(null)
                        : s.withSource(to.relativize(target).toString().replace('\\', '/'));
            }
            slides.add(s);
        }
        try {
            AtomicFile.write(path, DeckCodec.write(d.withSlides(slides)));
            file.set(path);
            error.set("");
            return true;
        } catch (IOException e) {
            error.set(org.vanish.files.WriteFailure.of(path, e).getMessage());
            return false;
        }
    }

    /** "3 / 18" for the slide on screen; empty when none is. */
    public String position() {
        Deck d = deck.get();
        return d == null || index.get() < 0 ? "" : (index.get() + 1) + " / " + d.slides().size();
    }

    public ReadOnlyObjectProperty<Deck> deckProperty() {
        return deck.getReadOnlyProperty();
    }

    /** The slide on screen, from 0; −1 when none is. */
    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    /** The deck's file; null for the app's own lecture or a deck not saved yet. */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
