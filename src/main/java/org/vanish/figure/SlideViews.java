package org.vanish.figure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.vanish.lecture.Parameter;

/**
 * What a lecture slide can show: every view ({@link Figures#ALL}) and demonstration ({@link Demonstrations}) by
 * name, and the controls each responds to (for a deck's {@code controls}).
 */
public final class SlideViews {
    /** The run controls a view drawn from the runs responds to: W scale, T, n, gain and the gate biases. */
    public static final List<String> RUN_CONTROLS = List.of("scale", "steps", "hiddenSize", "gain",
            "b_f", "b_i", "b_o", "b_u", "b_r");

    private SlideViews() {
    }

    /** Every view and demonstration, by name. */
    public static List<String> all() {
        List<String> all = new ArrayList<>(Figures.ALL);
        all.addAll(Demonstrations.names());
        return all;
    }

    /** The controls view responds to: the run controls if it reads the runs, then its own settings. */
    public static Set<String> controls(String view) {
        Set<String> out = new LinkedHashSet<>();
        var demo = Demonstrations.byName(view);
        if (demo.isEmpty() || demo.get().usesRuns()) {
            out.addAll(RUN_CONTROLS);
        }
        demo.ifPresent(d -> d.parameters().stream().map(Parameter::key).forEach(out::add));
        return out;
    }
}
