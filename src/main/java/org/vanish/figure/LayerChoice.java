package org.vanish.figure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vanish.engine.LayerRun;
import org.vanish.engine.RunResult;

/**
 * Which layers and directions of stacked or bidirectional runs a view draws: all of them, each as its own curve
 * (or, in the one-run heatmap, as rows over (layer, t)), or one layer in one direction. Layers count from 1 here, as
 * a lecture says "layer 1"; the engine and the report count from 0.
 *
 * @param layer 1-based layer, or 0 for all layers
 * @param backward the backward direction of that layer (false for all layers)
 */
public record LayerChoice(int layer, boolean backward) {
    /** Every layer and direction. */
    public static final LayerChoice ALL = new LayerChoice(0, false);

    public LayerChoice {
        if (layer < 0) {
            throw new IllegalArgumentException("layer " + layer + ": layers count from 1");
        }
        if (layer == 0 && backward) {
            throw new IllegalArgumentException("all layers has no direction");
        }
    }

    /** Whether every layer and direction is drawn. */
    public boolean all() {
        return layer == 0;
    }

    /** Whether this is the given layer (0-based, as the engine counts) and direction. */
    public boolean matches(LayerRun unit) {
        return !all() && unit.layer() == layer - 1 && unit.backward() == backward;
    }

    /** "all layers", "layer 2", or "layer 2 forward" / "layer 2 backward" when bidirectional. */
    public String label(boolean bidirectional) {
        if (all()) {
            return "all layers";
        }
        return "layer " + layer + (bidirectional ? backward ? " backward" : " forward" : "");
    }

    /** As the command line writes it: "all", "2", "2-forward", "2-backward". */
    public String id(boolean bidirectional) {
        return all() ? "all" : layer + (bidirectional ? backward ? "-backward" : "-forward" : "");
    }

    /**
     * Every choice the runs offer: all layers, then each layer and direction of the deepest run in the engine's
     * order (layer 1 forward, layer 1 backward, layer 2 forward, ...); only all layers when no run is stacked.
     */
    public static List<LayerChoice> choices(int layers, boolean bidirectional) {
        List<LayerChoice> out = new ArrayList<>(List.of(ALL));
        if (layers > 1 || bidirectional) {
            for (int l = 1; l <= layers; l++) {
                out.add(new LayerChoice(l, false));
                if (bidirectional) {
                    out.add(new LayerChoice(l, true));
                }
            }
        }
        return out;
    }

    /** {@link #choices(int, boolean)} of analysed runs: the most layers of any, bidirectional if any is. */
    public static List<LayerChoice> choices(List<RunResult> runs) {
        int layers = runs.stream().mapToInt(r -> r.spec().layers()).max().orElse(1);
        boolean bi = runs.stream().anyMatch(r -> r.spec().bidirectional());
        return choices(layers, bi);
    }

    /** As {@link #parse}, null (a preset without a layer field) meaning all layers. */
    public static LayerChoice parseOrAll(String text) {
        return text == null ? ALL : parse(text);
    }

    /**
     * Parses the command line's form ({@link #id}); "2" is the forward direction of layer 2.
     * @throws IllegalArgumentException with the forms allowed
     */
    public static LayerChoice parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("all")) {
            return ALL;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([1-9][0-9]{0,2})(-(forward|backward))?").matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a layer; allowed: all, N, N-forward, N-backward"
                    + " (N from 1)");
        }
        return new LayerChoice(Integer.parseInt(m.group(1)), "backward".equals(m.group(3)));
    }
}
