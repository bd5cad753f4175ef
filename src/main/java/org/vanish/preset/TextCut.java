package org.vanish.preset;

/**
 * Shortens text to at most a number of UTF-16 characters (the unit the presets' limits count) without cutting a
 * character that takes two of them (an emoji, say) in half: a lone half is no character at all, which JSON writes
 * as an escape other readers refuse and UTF-8 as "?".
 */
public final class TextCut {
    private TextCut() {
    }

    /** The longest start of s of at most max characters that ends on a whole code point. */
    public static String head(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Math.max(0, max);
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1)) && Character.isLowSurrogate(s.charAt(end))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** The longest end of s of at most max characters that starts on a whole code point. */
    public static String tail(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int start = s.length() - Math.max(0, max);
        if (start < s.length() && Character.isLowSurrogate(s.charAt(start))
                && Character.isHighSurrogate(s.charAt(start - 1))) {
            start++;
        }
        return s.substring(start);
    }
}
