package org.vanish.preset;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and writes lecture decks ({@value Deck#FORMAT}):
 * <pre>
 * {"format": "vanish-deck/1", "name": "...", "slides": [
 *   {"title": "...", "preset": "../cliff-clipping.json", "view": "cliff", "demo": {"threshold": 1}, "controls": ["threshold"]},
 *   {"title": "...", "preset": { an inline preset }, "view": "spectrum"}]}
 * </pre>
 * A slide's {@code preset} is a path relative to the deck's file or a preset written inline; {@code view} defaults
 * to the preset's own view, else {@value #DEFAULT_VIEW}; {@code demo} settings are laid over the preset's. Every
 * problem is one line naming the field ({@code slides[3].view}), the value and what is allowed.
 */
public final class DeckCodec {
    public static final String DEFAULT_VIEW = "gradient-norm";
    /** The lecture that ships with the app, on the class path. */
    public static final String SHIPPED = "/presets/decks/lecture.json";

    private static final Set<String> TOP = Set.of("format", "name", "slides");
    private static final Set<String> SLIDE = Set.of("title", "preset", "view", "demo", "controls");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What a deck may name: the views and, per view, the controls a slide may keep on screen. */
    public record Catalog(Collection<String> views, Function<String, Set<String>> controls) {
    }

    /** The text of the preset file a slide names, relative to the deck. */
    @FunctionalInterface
    public interface PresetFiles {
        String read(String relative) throws PresetException;
    }

    private DeckCodec() {
    }

    /** Whether file is a deck rather than a preset (by its {@code format} field); false if it cannot be read. */
    public static boolean isDeck(Path file) {
        if (!Files.isRegularFile(file)) {
            // a pipe (vanish export <(...)) can be read once, and /dev/zero never ends: only a file is looked into
            return false;
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            return root != null && root.has("format") && Deck.FORMAT.equals(root.get("format").asText());
        } catch (IOException e) {
            return false;
        } catch (OutOfMemoryError e) {
            // a file of gigabytes is not a deck; reading it as a preset says it is too large
            return false;
        }
    }

    /** Reads a deck file; its slides' preset paths are relative to its folder. */
    public static Deck read(Path file, Catalog catalog) throws PresetException {
        String text;
        try {
            // as a preset is read: a byte that is not UTF-8 is named with its line and column
            text = Utf8Text.decode(Files.readAllBytes(file), file);
        } catch (PresetException e) {
            throw new PresetException(e.getMessage().replace("save the preset as", "save the deck as"));
        } catch (NoSuchFileException e) {
            throw new PresetException(file + ": no such file");
        } catch (IOException e) {
            throw new PresetException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        Path dir = file.toAbsolutePath().getParent();
        try {
            return parse(text, rel -> {
                Path p = dir.resolve(rel).normalize();
                try {
                    return Files.readString(p);
                } catch (NoSuchFileException e) {
                    throw new PresetException(rel + ": no such file (looked for " + p + ")");
                } catch (IOException e) {
                    throw new PresetException(rel + ": cannot be read (" + e.getMessage() + ")");
                }
            }, catalog);
        } catch (PresetException e) {
            throw new PresetException(file.getFileName() + ": " + e.getMessage());
        }
    }

    /** Reads a deck on the class path (such as {@link #SHIPPED}); its preset paths are resolved there too. */
    public static Deck readResource(String resource, Catalog catalog) throws PresetException {
        URI base = URI.create(resource);
        try {
            return parse(resourceText(resource), rel -> resourceText(base.resolve(rel).getPath()), catalog);
        } catch (PresetException e) {
            throw new PresetException(resource.substring(resource.lastIndexOf('/') + 1) + ": " + e.getMessage());
        }
    }

    private static String resourceText(String path) throws PresetException {
        try (InputStream in = DeckCodec.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new PresetException(path + ": not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PresetException(path + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Parses deck JSON text; presets names the files its slides refer to. */
    public static Deck parse(String json, PresetFiles presets, Catalog catalog) throws PresetException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new PresetException(where + "malformed JSON: " + JsonProblem.describe(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw new PresetException("the file is empty; a deck is a JSON object");
        }
        if (!root.isObject()) {
            throw new PresetException("a deck is a JSON object, found " + JsonFields.describe(root));
        }
        JsonFields top = new JsonFields(root, "");
        top.onlyKnown(TOP);
        String format = top.string("format", null);
        if (!Deck.FORMAT.equals(format)) {
            throw new PresetException("format: " + (format == null ? "missing" : "\"" + format + "\" is not supported")
                    + "; a deck says \"format\": \"" + Deck.FORMAT + "\"");
        }
        String name = top.string("name", "Untitled deck");
        JsonNode list = top.raw("slides");
        if (list == null || !list.isArray() || list.size() == 0 || list.size() > Deck.MAX_SLIDES) {
            throw new PresetException("slides: expected an array of 1 to " + Deck.MAX_SLIDES + " slides, found "
                    + JsonFields.describe(list));
        }
        List<Deck.Slide> slides = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            slides.add(slide(list.get(i), "slides[" + i + "]", presets, catalog));
        }
        return new Deck(name, slides);
    }

    private static Deck.Slide slide(JsonNode node, String path, PresetFiles presets, Catalog catalog)
            throws PresetException {
        JsonFields f = new JsonFields(node, path);
        f.onlyKnown(SLIDE);
        String title = f.string("title", null);
        if (title == null || title.isBlank()) {
            throw new PresetException(path + ".title: missing; every slide has a title");
        }
        JsonNode raw = f.raw("preset");
        String source = null;
        Preset preset;
        if (raw != null && raw.isTextual()) {
            source = raw.asText();
            try {
                preset = PresetCodec.parse(presets.read(source));
            } catch (PresetException e) {
                throw new PresetException(path + ".preset: " + (e.getMessage().startsWith(source) ? "" : source + ": ")
                        + e.getMessage());
            }
        } else if (raw != null && raw.isObject()) {
            try {
                preset = PresetCodec.parse(raw);
            } catch (PresetException e) {
                throw new PresetException(path + ".preset: " + e.getMessage());
            }
        } else {
            throw new PresetException(path + ".preset: expected a preset file's path (relative to the deck) or a "
                    + "preset object, found " + JsonFields.describe(raw));
        }
        String view = f.string("view", preset.view() != null && catalog.views().contains(preset.view())
                ? preset.view() : null);
        if (view == null) {
            if (preset.view() != null) {
                throw new PresetException(path + ".view: the preset opens on \"" + preset.view()
                        + "\", which a slide cannot show; give the slide one of the views: "
                        + String.join(", ", catalog.views()));
            }
            view = DEFAULT_VIEW;
        }
        if (!catalog.views().contains(view)) {
            throw new PresetException(path + ".view: \"" + view + "\" is not a view; views: "
                    + String.join(", ", catalog.views()));
        }
        Map<String, Double> demo = new LinkedHashMap<>(preset.demo());
        if (f.has("demo")) {
            JsonFields d = new JsonFields(f.raw("demo"), path + ".demo");
            for (String key : d.fieldNames()) {
                demo.put(key, d.number(key, 0.0, -JsonFields.VALUE_LIMIT, JsonFields.VALUE_LIMIT));
            }
        }
        List<String> controls = new ArrayList<>();
        if (f.has("controls")) {
            JsonNode c = f.raw("controls");
            Set<String> allowed = catalog.controls().apply(view);
            if (!c.isArray() || c.size() > Deck.MAX_CONTROLS) {
                throw new PresetException(path + ".controls: expected a list of at most " + Deck.MAX_CONTROLS
                        + " control names, found " + JsonFields.describe(c));
            }
            for (int k = 0; k < c.size(); k++) {
                String key = c.get(k).isTextual() ? c.get(k).asText() : null;
                if (key == null || !allowed.contains(key)) {
                    throw new PresetException(path + ".controls[" + k + "]: "
                            + (key == null ? JsonFields.describe(c.get(k)) : "\"" + key + "\"")
                            + " is not a control of " + view + "; allowed: " + String.join(", ", allowed));
                }
                controls.add(key);
            }
        }
        return new Deck.Slide(title, source, preset.withView(view).withDemo(demo), controls);
    }

    /**
     * Writes a deck: a slide read from a file names that file again (with its view and settings), any other is
     * written inline in full, so reading it back gives the same slides.
     */
    public static String write(Deck deck) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", Deck.FORMAT);
        root.put("name", deck.name());
        ArrayNode slides = root.putArray("slides");
        for (Deck.Slide s : deck.slides()) {
            ObjectNode o = slides.addObject();
            o.put("title", s.title());
            if (s.source() != null) {
                o.put("preset", s.source());
                o.put("view", s.view());
                if (!s.preset().demo().isEmpty()) {
                    ObjectNode d = o.putObject("demo");
                    s.preset().demo().forEach(d::put);
                }
            } else {
                try {
                    o.set("preset", JSON.readTree(PresetCodec.write(s.preset())));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
                o.put("view", s.view());
            }
            if (!s.controls().isEmpty()) {
                ArrayNode c = o.putArray("controls");
                s.controls().forEach(c::add);
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
