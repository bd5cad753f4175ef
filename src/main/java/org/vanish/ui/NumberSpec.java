package org.vanish.ui;

import java.util.Locale;

/**
 * What one numeric control accepts and how its slider maps to the value: a linear slider over [min, max], or a
 * logarithmic one over [log10 min, log10 max] (sequence length, hidden size). Pure Java: tested without a toolkit.
 *
 * @param name the quantity as messages name it ("sequence length T")
 * @param integer whole numbers only
 * @param log the slider moves log10 of the value
 * @param decimals digits after the point in the field (ignored for integers)
 */
public record NumberSpec(String name, double min, double max, boolean integer, boolean log, int decimals) {

    public static NumberSpec linear(String name, double min, double max, int decimals) {
        return new NumberSpec(name, min, max, false, false, decimals);
    }

    public static NumberSpec wholeLog(String name, int min, int max) {
        return new NumberSpec(name, min, max, true, true, 0);
    }

    public static NumberSpec whole(String name, long min, long max) {
        return new NumberSpec(name, min, max, true, false, 0);
    }

    /**
     * The value typed in text; a decimal comma is accepted.
     * @throws IllegalArgumentException with a message for the user naming the allowed range
     */
    public double parse(String text) {
        String t = text == null ? "" : text.trim().replace(',', '.');
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(allowed() + "; \"" + t + "\" is not a number");
        }
        if (integer && v != Math.rint(v)) {
            throw new IllegalArgumentException(allowed() + "; " + t + " is not a whole number");
        }
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(allowed() + "; " + t + " is out of range");
        }
        return v;
    }

    /** "sequence length T is a whole number from 1 to 10000". */
    public String allowed() {
        return name + " is a " + (integer ? "whole number" : "number") + " from " + format(min) + " to " + format(max);
    }

    /** The value as the field shows it. */
    public String format(double v) {
        if (integer) {
            return Long.toString(Math.round(v));
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    public double sliderMin() {
        return log ? Math.log10(min) : min;
    }

    public double sliderMax() {
        return log ? Math.log10(max) : max;
    }

    /** Slider position of a value. */
    public double toSlider(double v) {
        return log ? Math.log10(Math.max(min, v)) : v;
    }

    /** Value at a slider position, rounded to a whole number when the spec asks for one, within range. */
    public double fromSlider(double s) {
        double v = log ? Math.pow(10, s) : s;
        if (integer) {
            v = Math.rint(v);
        }
        return Math.max(min, Math.min(max, v));
    }
}
