package org.vanish.figure;

import java.util.List;
import java.util.Locale;
import org.vanish.engine.RunResult;
import org.vanish.lecture.Parameter;

/** What the demonstrations that read runs share: the run chooser, and numbers and subscripts for their text. */
final class DemoText {
    private static final String SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";

    private DemoText() {
    }

    /** The {@code run} parameter: which of the preset's runs (1 = the first) a one-run demonstration shows. */
    static Parameter runParameter() {
        return Parameter.whole("run", "Run", 1, 8, 1, "which of the preset's runs to show, 1 = the first");
    }

    /**
     * The run chosen by the {@code run} setting.
     * @throws IllegalArgumentException if there are no runs or fewer than the setting asks for
     */
    static RunResult pick(List<RunResult> runs, double setting) {
        int i = (int) setting;
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("this view needs at least one run in the preset");
        }
        if (i > runs.size()) {
            throw new IllegalArgumentException("demo.run: " + i + " but the preset has " + runs.size() + " run"
                    + (runs.size() == 1 ? "" : "s") + "; allowed 1 to " + runs.size());
        }
        return runs.get(i - 1);
    }

    /** t written in subscript digits: 12 → "₁₂". */
    static String sub(long t) {
        String s = Long.toString(t);
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c == '-' ? '₋' : SUBSCRIPTS.charAt(c - '0'));
        }
        return b.toString();
    }

    /** A log10 value as a power of ten, "10^-1.87"; "0" for -∞ (an exact zero). */
    static String power(double log10) {
        if (log10 == Double.NEGATIVE_INFINITY) {
            return "0";
        }
        return "10^" + String.format(Locale.ROOT, "%.2f", log10).replace("-0.00", "0.00");
    }

    /** A log10 value as a power of ten and, where it is readable, as a plain number: "10^-1.87 = 0.0135". */
    static String powerAndValue(double log10) {
        if (log10 == Double.NEGATIVE_INFINITY || Math.abs(log10) > 4) {
            return power(log10);
        }
        return power(log10) + " = " + value(Math.pow(10, log10));
    }

    /** Three significant digits, no exponent for 10^-4..10^5: "0.913", "1.07", "2.5e-07". */
    static String value(double v) {
        if (v != 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e5)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        String s = String.format(Locale.ROOT, "%.3g", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** Two decimals: "3.25". */
    static String decimals(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
