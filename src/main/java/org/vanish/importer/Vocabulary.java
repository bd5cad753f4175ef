package org.vanish.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A model's vocabulary, token to embedding row, read from a JSON list (row i is the i-th token), a JSON object
 * token → index, or a text file with one token a line. Tokens are lower-cased, as the text input's words are; of
 * two tokens that differ only in case the first keeps its row.
 */
public final class Vocabulary {
    /** The token unknown words are read as, when the vocabulary has it. */
    public static final String UNKNOWN = "<unk>";

    private Vocabulary() {
    }

    /**
     * Reads a vocabulary and checks it against an embedding of `rows` rows.
     * @throws ImportException if unreadable, empty, or an index falls outside the embedding
     */
    public static Map<String, Integer> read(Path file, int rows) throws ImportException {
        String name = "--vocab " + file.getFileName();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ImportException(name + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ImportException(name + ": is not UTF-8 text; save the vocabulary as UTF-8");
        } catch (IOException e) {
            throw new ImportException(name + ": cannot be read (" + e.getMessage() + ")");
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        String trimmed = text.strip();
        if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
            JsonNode root;
            try {
                root = new ObjectMapper().readTree(trimmed);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
                throw new ImportException(name + ": starts as JSON but is not valid JSON"
                        + (at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column "
                        + at.getColumnNr() + ": " + org.vanish.preset.JsonProblem.describe(e.getOriginalMessage()) + ")")
                        + "; give a JSON list, a JSON object token → index, or one token a line");
            } catch (IOException e) {
                throw new ImportException(name + ": starts as JSON but is not valid JSON; give a JSON list, a JSON"
                        + " object token → index, or one token a line");
            }
            if (root.isArray()) {
                for (int i = 0; i < root.size(); i++) {
                    if (!root.get(i).isTextual()) {
                        throw new ImportException(name + ": entry " + i + " is " + root.get(i) + "; a JSON list"
                                + " vocabulary holds strings");
                    }
                    put(vocab, root.get(i).asText(), i);
                }
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().canConvertToInt() || !e.getValue().isIntegralNumber()) {
                        throw new ImportException(name + ": \"" + e.getKey() + "\" maps to " + e.getValue()
                                + "; a JSON object vocabulary maps each token to its row index");
                    }
                    put(vocab, e.getKey(), e.getValue().asInt());
                }
            }
        } else {
            String[] lines = text.split("\r?\n", -1);
            int count = lines.length;
            while (count > 0 && lines[count - 1].isEmpty()) {
                count--;
            }
            for (int i = 0; i < count; i++) {
                put(vocab, lines[i].strip(), i);
            }
        }
        if (vocab.isEmpty()) {
            throw new ImportException(name + ": the vocabulary is empty");
        }
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            if (e.getValue() < 0 || e.getValue() >= rows) {
                throw new ImportException(name + ": \"" + e.getKey() + "\" has index " + e.getValue()
                        + ", but the embedding has " + rows + " rows (0 to " + (rows - 1) + "); the vocabulary does"
                        + " not fit the embedding");
            }
        }
        return vocab;
    }

    private static void put(Map<String, Integer> vocab, String token, int index) {
        vocab.putIfAbsent(token.equals(UNKNOWN) ? token : token.toLowerCase(Locale.ROOT), index);
    }
}
