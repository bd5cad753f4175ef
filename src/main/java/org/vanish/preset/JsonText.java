package org.vanish.preset;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;

/** JSON text to a tree, with every failure as one line that gives the line and column and says what is wrong. */
final class JsonText {
    private JsonText() {
    }

    /** The tree of json read by mapper (whose features decide what is an error); null for empty text. */
    static JsonNode readTree(ObjectMapper mapper, String json) throws PresetException {
        JsonParser parser = null;
        try {
            parser = mapper.getFactory().createParser(json);
            JsonNode root = mapper.readTree(parser);
            if (root != null) {
                checkNothingAfter(parser, json);
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            // an error inside a string token is located at the token's start by Jackson; where reading stopped is
            // where the reader should look
            if (parser != null && (at == null || at.getLineNr() < 1
                    || e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Unrecognized character escape"))) {
                at = parser.currentLocation();
            }
            String where = at == null || at.getLineNr() < 1 ? ""
                    : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new PresetException(where + what(e));
        } catch (IOException e) {
            throw new PresetException("malformed JSON (" + e.getMessage() + ")");
        } finally {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException ignored) {
                    // a string parser holds nothing
                }
            }
        }
    }

    /** Refuses anything but white space after the root value, at the position where it starts. */
    private static void checkNothingAfter(JsonParser parser, String json) throws PresetException {
        JsonLocation end = parser.currentLocation();
        int line = end.getLineNr();
        int column = end.getColumnNr();
        for (int i = (int) end.getCharOffset(); i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                column++;
            } else {
                throw new PresetException("line " + line + ", column " + column + ": " + TRAILING);
            }
        }
    }

    private static final String TRAILING =
            "more content after the end of the preset; a preset file holds one JSON object and nothing after it";

    /** What went wrong, in words, without Jackson's class and option names. */
    private static String what(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String lower = m.toLowerCase(Locale.ROOT);
        StreamReadConstraints limits = StreamReadConstraints.defaults();
        if (e instanceof StreamConstraintsException || lower.contains("exceeds the maximum")) {
            if (lower.contains("nesting depth")) {
                return "the JSON nests deeper than " + limits.getMaxNestingDepth()
                        + " levels; a preset nests objects and arrays a few levels deep";
            }
            if (lower.contains("string value length") || lower.contains("name length")) {
                return "a string longer than " + limits.getMaxStringLength() + " characters";
            }
            if (lower.contains("number value length") || lower.contains("number length")) {
                return "a number of more than " + limits.getMaxNumberLength() + " digits";
            }
            return "the JSON exceeds a size limit (" + firstLine(m).replaceAll(" \\(from `.*`\\)", "") + ")";
        }
        if (lower.startsWith("trailing token")) {
            return TRAILING;
        }
        if (lower.startsWith("duplicate field")) {
            return "field " + m.replaceFirst("(?s)^Duplicate field '(.*)'.*$", "\"$1\"") + " given twice; give it once";
        }
        return "malformed JSON: " + JsonProblem.describe(m);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
