package org.vanish.preset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.text.Normalizer;

/**
 * A lecture deck ({@value #FORMAT}): slides in the order they are shown. See {@link DeckCodec} for the JSON form.
 *
 * @param name   the deck's name (the window's title while it is shown)
 * @param slides at least one, in order
 */
public record Deck(String name, List<Slide> slides) {
    public static final String FORMAT = "vanish-deck/1";
    public static final int MAX_SLIDES = 500;
    /** The most controls a slide keeps on screen in presentation mode. */
    public static final int MAX_CONTROLS = 3;

    public Deck {
        Objects.requireNonNull(name);
        slides = List.copyOf(slides);
    }

    /**
     * One slide: a preset opened on a view or demonstration, with its settings.
     *
     * @param title    what the slide is called (in the strip, the deck panel and exported file names)
     * @param source   the preset file the slide was read from, as the deck names it (relative to the deck); null
     *                 for a preset written inline. When not null, {@code preset} is that file's preset with only
     *                 the slide's view and demonstration settings applied.
     * @param preset   the preset with the slide's view (never null) and demonstration settings
     * @param controls up to {@value #MAX_CONTROLS} controls shown with the slide in presentation mode, by key
     *                 ({@code scale}, {@code steps}, {@code hiddenSize}, a gate bias such as {@code b_f}, or a
     *                 setting of the demonstration); empty: the view's own choice
     */
    public record Slide(String title, String source, Preset preset, List<String> controls) {
        public Slide {
            Objects.requireNonNull(title);
            Objects.requireNonNull(preset);
            Objects.requireNonNull(preset.view(), "a slide's preset names its view");
            controls = List.copyOf(controls);
        }

        /** The view or demonstration the slide shows. */
        public String view() {
            return preset.view();
        }

        /** The same slide showing another state of its preset (the lecturer's live changes): written inline. */
        public Slide withPreset(Preset now) {
            return new Slide(title, null, now.view() == null ? now.withView(view()) : now, controls);
        }

        /** The same slide with its preset file named otherwise (null: written inline). */
        public Slide withSource(String newSource) {
            return new Slide(title, newSource, preset, controls);
        }
    }

    /** The same deck with other slides. */
    public Deck withSlides(List<Slide> newSlides) {
        return new Deck(name, newSlides);
    }

    /**
     * A file name for slide index i (from 0): its number from 1, zero-padded to the deck's size, and its title as
     * lower-case ASCII words joined by hyphens: "03-the-cliff-and-clipping".
     */
    public String fileStem(int i) {
        int digits = Math.max(2, String.valueOf(slides.size()).length());
        return String.format(Locale.ROOT, "%0" + digits + "d", i + 1) + "-" + slug(slides.get(i).title());
    }

    /** title as lower-case ASCII words joined by hyphens, at most 60 characters; "slide" when nothing is left. */
    public static String slug(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        StringBuilder out = new StringBuilder();
        List<String> words = new ArrayList<>();
        for (String w : ascii.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        for (String w : words) {
            if (out.length() + w.length() + 1 > 60) {
                break;
            }
            out.append(out.length() == 0 ? "" : "-").append(w);
        }
        return out.length() == 0 ? "slide" : out.toString();
    }
}
