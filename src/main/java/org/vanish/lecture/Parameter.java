package org.vanish.lecture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One setting of a demonstration that has controls of its own (the cliff's start point, the number of layers,
 * ...): its key in a preset's {@code demo} block, its label on screen, its range and default. The app builds a
 * slider and a number field from it; a preset or a typed value outside the range is refused with a message
 * naming the key and the range.
 *
 * @param integer whether only whole numbers are allowed (layers, n)
 * @param log     whether a slider over it should move in log steps (a threshold from 0.01 to 100)
 * @param help    one sentence for the tooltip
 * @param choices for a choice among named options (the phase diagram's activation), the options' names in the
 *                order of their values 0, 1, ...; empty for a number
 */
public record Parameter(String key, String label, double min, double max, double defaultValue, boolean integer,
                        boolean log, String help, List<String> choices) {

    public Parameter {
        choices = List.copyOf(choices);
        if (!choices.isEmpty() && !(integer && min == 0 && max == choices.size() - 1)) {
            throw new IllegalArgumentException(key + ": a choice is a whole number from 0 to its options' count − 1");
        }
        if (!(min <= defaultValue && defaultValue <= max)) {
            throw new IllegalArgumentException(key + ": default " + defaultValue + " outside " + min + " to " + max);
        }
        if (log && !(min > 0)) {
            throw new IllegalArgumentException(key + ": a log parameter needs a positive minimum");
        }
    }

    /** A number: continuous or whole, on a linear or a log scale. */
    public Parameter(String key, String label, double min, double max, double defaultValue, boolean integer,
                     boolean log, String help) {
        this(key, label, min, max, defaultValue, integer, log, help, List.of());
    }

    /** A choice among named options, stored as the chosen option's index (0 for the first). */
    public static Parameter choice(String key, String label, List<String> options, int defaultIndex, String help) {
        return new Parameter(key, label, 0, options.size() - 1, defaultIndex, true, false, help, options);
    }

    /** Whether this is a choice among named options. */
    public boolean isChoice() {
        return !choices.isEmpty();
    }

    /** A continuous parameter on a linear scale. */
    public static Parameter real(String key, String label, double min, double max, double defaultValue, String help) {
        return new Parameter(key, label, min, max, defaultValue, false, false, help);
    }

    /** A whole-number parameter. */
    public static Parameter whole(String key, String label, int min, int max, int defaultValue, String help) {
        return new Parameter(key, label, min, max, defaultValue, true, false, help);
    }

    /** An on/off parameter, stored as 0 or 1. */
    public static Parameter flag(String key, String label, boolean defaultValue, String help) {
        return new Parameter(key, label, 0, 1, defaultValue ? 1 : 0, true, false, help);
    }

    /** Whether this is an on/off parameter. */
    public boolean isFlag() {
        return integer && min == 0 && max == 1 && choices.isEmpty();
    }

    /**
     * Null if value is allowed, else one line naming the key, the value and the allowed range, e.g.
     * {@code demo.layers: 12 is out of range; allowed 1 to 8}.
     */
    public String problem(double value) {
        if (isChoice() && (Double.isNaN(value) || value < min || value > max || value != Math.rint(value))) {
            StringBuilder allowed = new StringBuilder();
            for (int i = 0; i < choices.size(); i++) {
                allowed.append(i == 0 ? "" : ", ").append(i).append(" (").append(choices.get(i)).append(')');
            }
            return String.format(Locale.ROOT, "demo.%s: %s is not one of the choices; allowed %s", key, plain(value),
                    allowed);
        }
        if (Double.isNaN(value) || value < min || value > max) {
            return String.format(Locale.ROOT, "demo.%s: %s is out of range; allowed %s to %s", key, plain(value),
                    plain(min), plain(max));
        }
        if (integer && value != Math.rint(value)) {
            return String.format(Locale.ROOT, "demo.%s: %s is not a whole number", key, plain(value));
        }
        return null;
    }

    /**
     * The full settings for parameters: each key's value in given, or its default where given has none. Keys of
     * given that no parameter names are ignored (a preset may carry settings of other demonstrations).
     * @throws IllegalArgumentException with {@link #problem}'s message for the first value out of range
     */
    public static Map<String, Double> settings(List<Parameter> parameters, Map<String, Double> given) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            double v = given.getOrDefault(p.key(), p.defaultValue());
            String problem = p.problem(v);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            out.put(p.key(), v);
        }
        return out;
    }

    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
