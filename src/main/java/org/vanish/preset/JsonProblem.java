package org.vanish.preset;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's parse messages in a reader's words: what was found where, and what JSON expects there, without
 * Jackson's feature names, character codes or source excerpts. "Unexpected character ('}' (code 125)): was
 * expecting double-quote to start field name" becomes "found } where a field name in double quotes should start
 * (a comma before } or ] is one too many)".
 */
public final class JsonProblem {
    private static final Pattern FOUND = Pattern.compile("^Unexpected character \\('(.*?)' \\(code \\d+\\)\\)");
    private static final Pattern TOKEN = Pattern.compile("^(?:Unrecognized|Non-standard) token '([^']*)'");
    private static final Pattern CLOSE = Pattern.compile("^Unexpected close marker '(.)': expected '(.)'");
    private static final Pattern ESCAPE = Pattern.compile("^Unrecognized character escape '(.*?)'");

    private JsonProblem() {
    }

    /** What is wrong, in words, from Jackson's original message (its first line is enough). */
    public static String describe(String jacksonMessage) {
        String m = jacksonMessage == null ? "" : jacksonMessage.split("\n", 2)[0];
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.startsWith("unexpected end-of-input")) {
            if (lower.contains("close marker for object")) {
                return "the file ends inside an object: a closing } is missing";
            }
            if (lower.contains("close marker for array")) {
                return "the file ends inside a list: a closing ] is missing";
            }
            if (lower.contains("string") || lower.contains("field name")) {
                return "the file ends inside a string: a closing \" is missing";
            }
            return "the file ends before the JSON does";
        }
        Matcher close = CLOSE.matcher(m);
        if (close.find()) {
            return "found " + close.group(1) + " where " + close.group(2) + " should close the "
                    + (close.group(2).equals("]") ? "list" : "object");
        }
        Matcher token = TOKEN.matcher(m);
        if (token.find()) {
            String t = token.group(1);
            if (t.equals("NaN") || t.contains("Infinity") || t.contains("INF")) {
                return t + " is not a number JSON allows; give a finite number";
            }
            return t + " is not a JSON value; text goes in double quotes, and the words JSON knows are true, false"
                    + " and null";
        }
        if (lower.startsWith("invalid numeric value")) {
            if (lower.contains("leading zeroes")) {
                return "a number may not start with 0 (write 1, not 01)";
            }
            if (lower.contains("leading plus")) {
                return "a number may not start with + (write 1, not +1)";
            }
            return "not a valid number (numbers are written like 1, -0.5 or 2e-3)";
        }
        if (lower.startsWith("illegal unquoted character")) {
            return "a line break or control character inside a string; write it as \\n or \\t";
        }
        Matcher escape = ESCAPE.matcher(m);
        if (escape.find()) {
            return "unknown escape \\" + escape.group(1) + " in a string; allowed are \\\" \\\\ \\/ \\b \\f \\n \\r \\t"
                    + " and \\uXXXX";
        }
        Matcher found = FOUND.matcher(m);
        if (found.find()) {
            String c = found.group(1);
            String what = "found " + (c.isBlank() ? "a blank" : c);
            if (lower.contains("comment")) {
                return "comments are not allowed in JSON";
            }
            if (lower.contains("double-quote to start field name")) {
                if (c.equals("'")) {
                    return what + " where a field name should start; JSON quotes with double quotes \"";
                }
                return what + " where a field name in double quotes should start"
                        + (c.equals("}") || c.equals("]") ? " (a comma before " + c + " is one too many)" : "");
            }
            if (lower.contains("comma to separate object entries")) {
                return what + " where a comma should separate two fields, or } should close the object";
            }
            if (lower.contains("comma to separate array entries")) {
                return what + " where a comma should separate two items, or ] should close the list";
            }
            if (lower.contains("colon to separate field name")) {
                return what + " where a colon : should follow the field name";
            }
            if (lower.contains("valid value")) {
                if (c.equals("'")) {
                    return what + " where a value should start; JSON quotes with double quotes \"";
                }
                return what + " where a value should be: a number, a string in double quotes, true, false, null, a"
                        + " list [ ] or an object { }";
            }
            return what + " where JSON does not allow it";
        }
        // anything else: Jackson's sentence without its option names, character codes and source excerpt
        return m.replaceAll("\\s*\\((for|start marker at) [^()]*\\[Source:.*$", "")
                .replaceAll("\\s*\\[Source:.*$", "")
                .replaceAll(":?\\s*enable `[^`]*` to allow", "")
                .replaceAll(" \\(code \\d+\\)", "");
    }
}
