package org.vanish.figure;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.vanish.lecture.Parameter;

/**
 * What every {@link Demonstration} states rather than computes: its name, title, source, own parameters and whether it
 * reads the preset's runs, given once to the constructor instead of five accessors in each class; and the
 * line every explanation ends with, built from that source so the pane and {@link #source()} cannot disagree.
 */
abstract class BaseDemonstration implements Demonstration {
    private final String name;
    private final String title;
    private final String source;
    private final List<Parameter> parameters;
    private final boolean usesRuns;

    BaseDemonstration(String name, String title, String source, List<Parameter> parameters, boolean usesRuns) {
        this.name = name;
        this.title = title;
        this.source = source;
        this.parameters = List.copyOf(parameters);
        this.usesRuns = usesRuns;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String source() {
        return source;
    }

    @Override
    public final List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public final boolean usesRuns() {
        return usesRuns;
    }

    /** The chart and its explanation: the lines of body, then "Source: " and {@link #source()} as the last line. */
    final Shown shown(JFreeChart chart, String body) {
        return new Shown(chart, body.strip() + "\nSource: " + source + ".");
    }
}
