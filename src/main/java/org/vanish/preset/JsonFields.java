package org.vanish.preset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Reads typed fields of one JSON object and names the field, the value and what is allowed when one is wrong.
 * Paths are written as a reader would look them up: {@code runs[1].biases.b_f}.
 */
final class JsonFields {
    private final ObjectNode node;
    private final String path;

    JsonFields(JsonNode node, String path) throws PresetException {
        if (node == null || !node.isObject()) {
            throw new PresetException(where(path) + "expected a JSON object, found " + describe(node));
        }
        this.node = (ObjectNode) node;
        this.path = path;
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    static String where(String path) {
        return path.isEmpty() ? "preset: " : path + ": ";
    }

    /** Rejects fields outside allowed, listing the allowed ones. */
    void onlyKnown(Set<String> allowed) throws PresetException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new PresetException(where(path(f)) + "unknown field; allowed here: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    /** The object's field names, in file order. */
    java.util.List<String> fieldNames() {
        java.util.List<String> out = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    JsonNode raw(String field) {
        return node.get(field);
    }

    String string(String field, String fallback) throws PresetException {
        if (!has(field)) {
            return fallback;
        }
        JsonNode v = node.get(field);
        if (!v.isTextual()) {
            throw new PresetException(where(path(field)) + "expected a string, found " + describe(v));
        }
        return v.asText();
    }

    /** A string that must be one of choices. */
    String choice(String field, String fallback, Set<String> choices) throws PresetException {
        String s = string(field, fallback);
        if (s != null && !choices.contains(s)) {
            throw new PresetException(where(path(field)) + "\"" + s + "\" is not allowed; allowed: "
                    + String.join(", ", choices));
        }
        return s;
    }

    long integer(String field, long fallback, long min, long max) throws PresetException {
        if (!has(field)) {
            return fallback;
        }
        JsonNode v = node.get(field);
        if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw new PresetException(where(path(field)) + "expected an integer from " + min + " to " + max
                    + ", found " + describe(v));
        }
        long x = v.asLong();
        if (x < min || x > max) {
            throw new PresetException(where(path(field)) + x + " is out of range; allowed " + min + " to " + max);
        }
        return x;
    }

    double number(String field, double fallback, double min, double max) throws PresetException {
        if (!has(field)) {
            return fallback;
        }
        return number(node.get(field), path(field), min, max);
    }

    static double number(JsonNode v, String path, double min, double max) throws PresetException {
        if (v == null || !v.isNumber()) {
            throw new PresetException(where(path) + "expected a number from " + fmt(min) + " to " + fmt(max)
                    + ", found " + describe(v));
        }
        double x = v.asDouble();
        if (!(x >= min && x <= max)) {
            throw new PresetException(where(path) + fmt(x) + " is out of range; allowed " + fmt(min) + " to " + fmt(max));
        }
        return x;
    }

    boolean bool(String field, boolean fallback) throws PresetException {
        if (!has(field)) {
            return fallback;
        }
        JsonNode v = node.get(field);
        if (!v.isBoolean()) {
            throw new PresetException(where(path(field)) + "expected true or false, found " + describe(v));
        }
        return v.asBoolean();
    }

    /** The largest magnitude an explicit parameter, input or state entry may have. */
    static final double VALUE_LIMIT = 1e6;

    /** A vector of exactly len numbers within ±{@link #VALUE_LIMIT}. */
    static double[] vector(JsonNode v, String path, int len) throws PresetException {
        if (v == null || !v.isArray()) {
            throw new PresetException(where(path) + "expected an array of " + len + " numbers, found " + describe(v));
        }
        if (v.size() != len) {
            throw new PresetException(where(path) + "has " + v.size() + " entries; expected " + len);
        }
        double[] out = new double[len];
        for (int i = 0; i < len; i++) {
            out[i] = number(v.get(i), path + "[" + i + "]", -VALUE_LIMIT, VALUE_LIMIT);
        }
        return out;
    }

    /** A rows×cols matrix given as rows of numbers. */
    static double[][] matrix(JsonNode v, String path, int rows, int cols) throws PresetException {
        String shape = rows + "×" + cols;
        if (v == null || !v.isArray()) {
            throw new PresetException(where(path) + "expected a " + shape + " matrix (an array of " + rows
                    + " rows), found " + describe(v));
        }
        if (v.size() != rows) {
            throw new PresetException(where(path) + "has " + v.size() + " rows; expected a " + shape + " matrix");
        }
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            JsonNode row = v.get(i);
            if (row == null || !row.isArray() || row.size() != cols) {
                throw new PresetException(where(path + "[" + i + "]") + "expected a row of " + cols
                        + " numbers (a " + shape + " matrix), found " + describe(row));
            }
            out[i] = vector(row, path + "[" + i + "]", cols);
        }
        return out;
    }

    static String describe(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isTextual()) {
            String s = v.asText();
            return "\"" + (s.length() > 40 ? TextCut.head(s, 40) + "…" : s) + "\"";
        }
        if (v.isArray()) {
            return "an array of " + v.size();
        }
        if (v.isObject()) {
            return "an object";
        }
        String s = v.toString();
        return s.length() > 40 ? TextCut.head(s, 40) + "…" : s;
    }

    static String fmt(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) x);
        }
        return String.format(Locale.ROOT, "%s", x);
    }
}
