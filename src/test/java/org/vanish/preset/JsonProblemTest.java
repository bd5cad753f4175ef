package org.vanish.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed presets are refused in a reader's words, from what Jackson itself says about each. */
class JsonProblemTest {
    /** Words of Jackson's that a reader of a preset has no use for. */
    private static final Pattern INTERNALS = Pattern.compile(
            "code \\d|Feature|ALLOW_|Source:|marker|token 'null'|JSON String, Number|`|expecting");

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "{|line 1, column 2: malformed JSON: the file ends inside an object: a closing } is missing",
        "{\"runs\": [|line 1, column 11: malformed JSON: the file ends inside a list: a closing ] is missing",
        "{\"name\": \"abc|line 1, column 14: malformed JSON: the file ends inside a string: a closing \" is missing",
        "{\"runs\": [}|line 1, column 11: malformed JSON: found } where ] should close the list",
        "{\"steps\": 5,}|line 1, column 13: malformed JSON: found } where a field name in double quotes should start (a comma before } is one too many)",
        "{'steps': 5}|line 1, column 2: malformed JSON: found ' where a field name should start; JSON quotes with double quotes \"",
        "{\"steps\": NaN}|line 1, column 14: malformed JSON: NaN is not a number JSON allows; give a finite number",
        "{\"steps\": 01}|line 1, column 12: malformed JSON: a number may not start with 0 (write 1, not 01)",
        "{\"view\": cliff}|line 1, column 15: malformed JSON: cliff is not a JSON value; text goes in double quotes, and the words JSON knows are true, false and null",
        "{\"steps\": 5 \"view\": 1}|line 1, column 13: malformed JSON: found \" where a comma should separate two fields, or } should close the object",
        "{\"steps\" 5}|line 1, column 10: malformed JSON: found 5 where a colon : should follow the field name",
        "{\"steps\": 5} // five|line 1, column 14: more content after the end of the preset; a preset file holds one JSON object and nothing after it",
        "// five\\n{}|line 1, column 1: malformed JSON: comments are not allowed in JSON",
        "{\"name\": \"a\\qb\"}|line 1, column 14: malformed JSON: unknown escape \\q in a string; allowed are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX",
    })
    void aMalformedPresetIsRefusedInWordsWithItsPlace(String json, String expected) {
        PresetException e = assertThrows(PresetException.class, () -> PresetCodec.parse(json.replace("\\n", "\n")));
        assertEquals(expected, e.getMessage());
        assertFalse(INTERNALS.matcher(e.getMessage()).find(), e.getMessage());
    }
}
