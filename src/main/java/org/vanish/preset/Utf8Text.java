package org.vanish.preset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** Strict UTF-8 decoding of a preset file: the first byte that is not UTF-8 is reported with its line and column. */
final class Utf8Text {
    private Utf8Text() {
    }

    /** bytes as text (a leading byte-order mark dropped); a PresetException naming file and position otherwise. */
    static String decode(byte[] bytes, Path file) throws PresetException {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = start;
            for (int i = start; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            // columns count characters: the bytes before on this line that start one
            int column = 1;
            for (int i = lineStart; i < at; i++) {
                if ((bytes[i] & 0xC0) != 0x80) {
                    column++;
                }
            }
            throw new PresetException(String.format(Locale.ROOT, "%s: line %d, column %d: byte 0x%02X is not UTF-8 "
                            + "text; save the preset as UTF-8", file.getFileName(), line, column, bytes[at] & 0xFF));
        }
        out.flip();
        return out.toString();
    }
}
