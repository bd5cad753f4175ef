package org.vanish.figure;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.labels.StandardXYToolTipGenerator;
import org.jfree.data.xy.XYDataset;

/**
 * {@link StandardXYToolTipGenerator}'s text, built from the pattern split once instead of a new
 * {@link java.text.MessageFormat} per item: a chart drawn on screen makes the tooltip of every data point on every
 * redraw (thousands per frame for long runs), and parsing the pattern for each was most of that. Patterns with
 * quotes or with braces other than {0}, {1}, {2} are left to MessageFormat, as before.
 */
final class TemplateToolTips extends StandardXYToolTipGenerator {
    private static final long serialVersionUID = 1L;
    /** The pattern's literal text around its arguments: text[0] arg[0] text[1] ... text[n]; null: MessageFormat. */
    private final String[] text;
    private final int[] arg;

    TemplateToolTips(String format, NumberFormat xFormat, NumberFormat yFormat) {
        super(format, xFormat, yFormat);
        List<String> pieces = new ArrayList<>();
        List<Integer> args = new ArrayList<>();
        boolean plain = format.indexOf('\'') < 0;
        int from = 0;
        for (int i = format.indexOf('{'); plain && i >= 0; i = format.indexOf('{', from)) {
            if (i + 2 < format.length() && format.charAt(i + 2) == '}' && "012".indexOf(format.charAt(i + 1)) >= 0) {
                pieces.add(format.substring(from, i));
                args.add(format.charAt(i + 1) - '0');
                from = i + 3;
            } else {
                plain = false;
            }
        }
        String rest = format.substring(from);
        plain &= rest.indexOf('}') < 0 && pieces.stream().noneMatch(p -> p.indexOf('}') >= 0);
        pieces.add(rest);
        this.text = plain ? pieces.toArray(new String[0]) : null;
        this.arg = plain ? args.stream().mapToInt(Integer::intValue).toArray() : null;
    }

    @Override
    public String generateToolTip(XYDataset dataset, int series, int item) {
        if (text == null) {
            return super.generateToolTip(dataset, series, item);
        }
        Object[] items = createItemArray(dataset, series, item);
        StringBuilder b = new StringBuilder(64);
        for (int i = 0; i < arg.length; i++) {
            b.append(text[i]).append(items[arg[i]]);
        }
        return b.append(text[arg.length]).toString();
    }
}
