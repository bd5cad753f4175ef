package org.vanish.figure;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jfree.chart.JFreeChart;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.lecture.Parameter;

/**
 * One of the lecture's demonstrations (or a theory view): it computes what it shows, draws it as one
 * {@link JFreeChart} (so screen, PNG and SVG agree, as for a {@link Figure}) and writes a short explanation with
 * the current numbers plugged in. Two kinds:
 * <ul>
 * <li>{@link #usesRuns()} true: it reads the analysed runs of the current preset, so the dashboard's controls
 * (cell, φ, scale, T, n, ...) drive it live;</li>
 * <li>false: it is a self-contained model (the cliff, counting) driven only by its own {@link #parameters()}.</li>
 * </ul>
 * {@link #show} runs on a background thread, never on the FX thread, and is deterministic.
 */
public interface Demonstration {
    /** The name on the command line and in a preset's {@code view} field: {@code cliff}, {@code counting}, .... */
    String name();

    /** The title in the app's list, e.g. "4 · Exploding gradients and clipping". */
    String title();

    /** Where it comes from, e.g. "Pascanu, Mikolov & Bengio 2013, Figure 6". */
    String source();

    /** Its own controls, in display order; empty if the dashboard's controls are all it has. */
    List<Parameter> parameters();

    /** Whether it reads the preset's analysed runs (see the class comment). */
    boolean usesRuns();

    /** What the analysis of the runs must compute for it; ignored unless {@link #usesRuns()}. */
    default Quantities needs() {
        return Quantities.GRADIENTS;
    }

    /**
     * Computes and draws.
     * @param input     the analysed runs (empty unless {@link #usesRuns()}) and the words of a text input
     * @param settings  a value for every key of {@link #parameters()}, each within its range
     *                  (see {@link Parameter#settings})
     * @param cancelled polled in long loops; once it answers true the result is discarded, so it may stop early
     * @throws IllegalArgumentException with a one-line message a student can act on when the runs do not suit
     *                                  the demonstration (e.g. the words view without a text input)
     */
    Shown show(Input input, Map<String, Double> settings, BooleanSupplier cancelled);

    /**
     * The settings after a click at (x, y), in the data coordinates of the plot clicked (for a combined plot, of
     * the sub-plot under the pointer); the same map if a click means nothing here. The cliff starts a descent
     * from the clicked (w, b); the unrolled network selects the clicked node.
     */
    default Map<String, Double> click(double x, double y, Map<String, Double> settings) {
        return settings;
    }

    /**
     * What a demonstration reads from the preset.
     * @param runs  the analysed runs, in the preset's order (run i gets colour i)
     * @param words the tokens x_1..x_T stand for when the preset's input is a text, else empty
     */
    record Input(List<RunResult> runs, List<String> words) {
        public Input {
            runs = List.copyOf(runs);
            words = List.copyOf(words);
        }

        /** No runs and no words: what a self-contained demonstration gets. */
        public static Input none() {
            return new Input(List.of(), List.of());
        }
    }

    /** The chart and its explanation (plain text, a few short lines, ending with the source). */
    record Shown(JFreeChart chart, String explanation) {
    }
}
