package org.vanish.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.vanish.WellFormed;
import org.vanish.preset.PresetCodec;

/**
 * Property-based fuzzing of the command line with every shipped preset, mutated as a user's mistakes would:
 * a value replaced by another type or an extreme (1e308, 1e-320, huge integers, control characters), a field
 * removed or given twice, content after the object. Whatever the mutation, {@code analyze}, {@code export} (SVG
 * and PNG) and {@code train} either exit 0 with files that parse back (a report of finite numbers, CSV rows that
 * match their header, well-formed SVG, a PNG of the asked size, a trained preset that reads back) or exit 2 with one
 * line that names the preset and what is wrong; never an internal error (exit 1), never a hang.
 * <p>
 * {@code mvn verify} runs 250 cases from a fixed seed ({@code jqwik.tries.default} in junit-platform.properties);
 * more with {@code mvn test -Dtest=PresetFuzzTest -Djqwik.tries.default=4000}.
 */
class PresetFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The timeout of one case: a shipped preset analyses in well under a second; this is a hang. */
    private static final Duration HANG = Duration.ofSeconds(60);

    /** Replacement values: other types, extremes, control characters. */
    private static final List<JsonNode> VALUES = List.of(
            num("1e308"), num("-1e308"), num("1e-320"), num("-1e-320"), num("0"), num("-1"), num("0.5"),
            num("2147483648"), num("9223372036854775808"), num("123456789012345678901234567890"), num("1e400"),
            JsonNodeFactory.instance.textNode("x"), JsonNodeFactory.instance.textNode("a\u0001b\nc\u0007\""),
            JsonNodeFactory.instance.textNode(""), JsonNodeFactory.instance.booleanNode(true),
            JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.arrayNode(),
            JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.arrayNode().add(1e308).add(-1e-320));

    private static final String[] TRAILING = {"\n}}} garbage ][", " {\"steps\": 3}", "x", "\n// comment", "\u0000"};

    private static JsonNode num(String literal) {
        try {
            return JSON.readTree(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A mutation of a preset's text, described for the failure message. */
    record Mutated(String text, String description) {
    }

    @Property(seed = "20261202")
    void anyMutationOfAShippedPresetEndsInFilesThatParseOrOneLineNamingTheField(
            @ForAll @IntRange(min = 0, max = 1000) int presetPick,
            @ForAll @IntRange(min = 0, max = 6) int kind,
            @ForAll @IntRange(min = 0, max = 100_000) int where,
            @ForAll @IntRange(min = 0, max = 100_000) int what,
            @ForAll @IntRange(min = 0, max = 3) int command) throws Exception {
        List<Path> presets = shipped();
        Path source = presets.get(presetPick % presets.size());
        Mutated m = mutate(small(Files.readString(source)), kind, where, what);
        Path dir = Files.createTempDirectory("vanish-fuzz");
        try {
            assertTimeoutPreemptively(HANG, () -> check(source, m, dir, command), () -> source.getFileName()
                    + " " + m.description() + ": a hang");
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void check(Path source, Mutated m, Path dir, int command) throws Exception {
        Path preset = dir.resolve("p.json");
        Files.writeString(preset, m.text());
        String[] args;
        switch (command) {
            case 0 -> args = new String[] {"analyze", preset.toString(), "--json", dir.resolve("r.json").toString(),
                "--csv", dir.resolve("csv").toString()};
            case 1 -> args = new String[] {"export", preset.toString(), "--out", dir.resolve("f.svg").toString(),
                "--width", "400", "--height", "300"};
            case 2 -> args = new String[] {"export", preset.toString(), "--out", dir.resolve("f.png").toString(),
                "--width", "400", "--height", "300"};
            default -> args = new String[] {"train", preset.toString(), "--steps", "2", "--out",
                dir.resolve("t.json").toString(), "--log", dir.resolve("log.csv").toString()};
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CliRunner.run(err, args);
        String said = err.toString(StandardCharsets.UTF_8).strip();
        String context = source.getFileName() + " " + m.description() + " → " + args[0] + ": exit " + code + ": "
                + said;
        assertTrue(code == 0 || code == 2, context);
        if (code == 2) {
            String last = said.lines().reduce((a, b) -> b).orElse("");
            assertTrue(last.startsWith("vanish: ") && !last.contains("internal error")
                    && !last.matches(".*\\b(java|com|org)\\.[a-z]+\\..*Exception.*"), context);
            assertTrue(last.length() < 400, "one short line: " + context);
            // a message on the preset names the file and then the field or the position
            if (last.startsWith("vanish: p.json")) {
                assertTrue(last.matches("vanish: p\\.json: (line \\d+, column \\d+: |[a-zA-Z_\\[\\]0-9.]+: |preset: ).+"),
                        context);
            }
            return;
        }
        switch (command) {
            case 0 -> {
                checkReport(dir.resolve("r.json"), context);
                checkCsvFolder(dir.resolve("csv"), context);
            }
            case 1 -> assertNotNull(WellFormed.xml(Files.readString(dir.resolve("f.svg"))).getDocumentElement(),
                    context);
            case 2 -> {
                BufferedImage img = ImageIO.read(dir.resolve("f.png").toFile());
                assertEquals(400, img.getWidth(), context);
                assertEquals(300, img.getHeight(), context);
            }
            default -> {
                checkCsv(dir.resolve("log.csv"), context);
                // whatever Vanish writes, Vanish reads back
                assertEquals(2, PresetCodec.read(dir.resolve("t.json")).runs().size(), context);
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file: " + context);
        }
    }

    /** The report parses as strict JSON (no NaN or Infinity tokens) and every number in it is finite. */
    private static void checkReport(Path report, String context) throws IOException {
        JsonNode root = JSON.readTree(report.toFile());
        List<JsonNode> stack = new ArrayList<>(List.of(root));
        while (!stack.isEmpty()) {
            JsonNode n = stack.remove(stack.size() - 1);
            if (n.isNumber()) {
                assertTrue(Double.isFinite(n.doubleValue()), context);
            }
            n.forEach(stack::add);
        }
        assertTrue(root.path("runs").size() > 0, context);
    }

    private static void checkCsvFolder(Path dir, String context) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                checkCsv(f, context + " " + f.getFileName());
            }
        }
    }

    /** Every row has as many fields as the header; every field is empty, true/false or a finite number. */
    private static void checkCsv(Path file, String context) throws IOException {
        try (Reader in = Files.newBufferedReader(file);
             CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
            int columns = csv.getHeaderNames().size();
            assertEquals(columns, new java.util.HashSet<>(csv.getHeaderNames()).size(), "unique columns " + context);
            for (CSVRecord r : csv) {
                assertEquals(columns, r.size(), context);
                for (String v : r.values()) {
                    assertTrue(v.isEmpty() || v.equals("true") || v.equals("false")
                            || Double.isFinite(Double.parseDouble(v)), context + ": " + v);
                }
            }
        }
    }

    static List<Path> shipped() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("presets"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    /**
     * The preset at classroom-demo size, so that a few hundred cases run inside CI's time: at most 24 steps and 6
     * hidden units, a training set of 64 sequences of length 8. Sizes tied to explicit inputs, a text or explicit
     * parameters are left as they are. Every field stays, so every field is still mutated.
     */
    static String small(String text) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(text);
        boolean inputsTied = text.contains("\"values\"") || text.contains("\"text\"");
        if (!inputsTied) {
            if (!root.has("steps") && !root.has("training")) {
                root.put("steps", 24);
            }
            cap(root, "steps", 24);
        }
        if (!text.contains("\"parameters\"")) {
            if (!root.has("hiddenSize")) {
                root.put("hiddenSize", 6);
            }
            cap(root, "hiddenSize", 6);
            if (root.get("runs") instanceof ArrayNode runs) {
                runs.forEach(r -> cap((ObjectNode) r, "hiddenSize", 6));
            }
        }
        if (root.get("training") instanceof ObjectNode t) {
            cap(t, "datasetSize", 64);
            cap(t, "length", 8);
            cap(t, "batchSize", 16);
        }
        return JSON.writeValueAsString(root);
    }

    private static void cap(ObjectNode o, String field, int max) {
        if (o.has(field) && o.get(field).isNumber() && o.get(field).asDouble() > max) {
            o.put(field, max);
        }
    }

    /** Fields a preset may have at the top level, given to presets that leave them out. */
    private static final String[] FIELDS = {"steps", "hiddenSize", "gain", "scale", "seed", "inputSize", "layers",
        "label", "name", "readout", "cell", "biases", "bidirectional"};

    /**
     * One mutation of text: kind 0–2 a value replaced, 3 a field removed, 4 a field given twice, 5 trailing content,
     * 6 a top-level field set (added if absent).
     */
    static Mutated mutate(String text, int kind, int where, int what) throws IOException {
        if (kind == 5) {
            String t = TRAILING[what % TRAILING.length];
            return new Mutated(text.strip() + t, "followed by " + JSON.writeValueAsString(t));
        }
        JsonNode root = JSON.readTree(text);
        if (kind == 6) {
            String field = FIELDS[where % FIELDS.length];
            JsonNode value = VALUES.get(what % VALUES.size());
            ((ObjectNode) root).set(field, value.deepCopy());
            return new Mutated(JSON.writeValueAsString(root), field + " = " + value);
        }
        List<Slot> slots = new ArrayList<>();
        collect(root, "", slots);
        Slot s = slots.get(where % slots.size());
        if (kind == 3 && s.parent() instanceof ObjectNode o) {
            o.remove(s.key());
            return new Mutated(JSON.writeValueAsString(root), "without " + s.path());
        }
        if (kind == 4 && s.parent() instanceof ObjectNode) {
            // JSON with a key twice cannot be built as a tree: write the object, then put the key in again
            String inner = JSON.writeValueAsString(s.parent().get(s.key()));
            String obj = JSON.writeValueAsString(s.parent());
            String twice = "{" + JSON.writeValueAsString(s.key()) + ": " + inner + ", " + obj.substring(1);
            String whole = JSON.writeValueAsString(root);
            return new Mutated(whole.replace(obj, twice), s.path() + " given twice");
        }
        JsonNode value = VALUES.get(what % VALUES.size());
        set(s, value);
        return new Mutated(JSON.writeValueAsString(root), s.path() + " = " + value);
    }

    /** A place in the tree: a field of an object or an element of an array. */
    record Slot(JsonNode parent, String key, int index, String path) {
    }

    private static void collect(JsonNode node, String path, List<Slot> out) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                out.add(new Slot(o, e.getKey(), -1, p));
                collect(e.getValue(), p, out);
            }
        } else if (node instanceof ArrayNode a) {
            // the first two elements of an array are enough: the rest are alike
            for (int i = 0; i < Math.min(2, a.size()); i++) {
                out.add(new Slot(a, null, i, path + "[" + i + "]"));
                collect(a.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private static void set(Slot s, JsonNode value) {
        if (s.parent() instanceof ObjectNode o) {
            o.set(s.key(), value.deepCopy());
        } else {
            ((ArrayNode) s.parent()).set(s.index(), value.deepCopy());
        }
    }
}
