package org.vanish.figure;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;

/**
 * One view of a set of analysed runs, built as a {@link JFreeChart}: the same object draws on screen, to a
 * PNG and to SVG ({@link Figures}). Building reads the results and never modifies them.
 */
public interface Figure {
    /** The view's name on the command line: {@code gradient-norm}, .... */
    String name();

    /** What the analysis must compute for this view. */
    Quantities needs();

    /** Builds the chart for runs compared on the same inputs, in the order given (run i gets colour i). */
    JFreeChart chart(List<RunResult> runs);

    /**
     * {@link #chart(List)} for runs that read a text: words are x_1..x_T's words (empty for other inputs), which a
     * view drawn against the position t writes on its axis, so a sentence's gradient reads word by word.
     */
    default JFreeChart chart(List<RunResult> runs, List<String> words) {
        return chart(runs);
    }
}
