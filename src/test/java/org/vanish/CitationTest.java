package org.vanish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vanish.figure.Demonstration;
import org.vanish.figure.Demonstrations;
import org.vanish.lecture.Parameter;

/**
 * What a user reads cites papers and courses, never the team's own notes: no "seed 004" (a student reads it as the
 * random seed), no PRODUCT.md, no path into seeds/. Scanned: the shipped presets, README, every string literal of the
 * application's sources (comments, which only developers read, are skipped) and every demonstration's title, source
 * and parameter texts. The random seed ("seed": 1, "seed 3") is not a citation and passes.
 */
class CitationTest {
    /** "seed 004", "seeds 000 and 002", "Seed 001's", PRODUCT.md, seeds/, "the seeds' ...". */
    static final Pattern OWN_NOTES = Pattern.compile(
            "(?i)\\bseeds? 0\\d|PRODUCT\\.md|\\bseeds/|\\bthe seeds\\b|\\bseeds'");

    @Test
    void thePatternCatchesTheNotesAndLeavesTheRandomSeedAlone() {
        for (String bad : List.of("(seed 001, Algorithm 1)", "Seed 004's purely additive idea", "seeds 000 and 002",
                "PRODUCT.md's LSTM and GRU equations", "the notes in ../shared/seeds/", "The seeds' \"The keys\"")) {
            assertTrue(OWN_NOTES.matcher(bad).find(), bad);
        }
        for (String fine : List.of("\"seed\": 1", "seed 3, gain 1.5", "seeded by (seed, purpose)", "Seeds.forPurpose",
                "the seed of the weight draw")) {
            assertTrue(!OWN_NOTES.matcher(fine).find(), fine);
        }
    }

    @Test
    void shippedPresetsAndReadmeCiteNoNotes() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files = new ArrayList<>(jsonFiles(Path.of("presets")));
        files.add(Path.of("README.md"));
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (OWN_NOTES.matcher(lines.get(i)).find()) {
                    found.add(f + ":" + (i + 1) + ": " + excerpt(lines.get(i)));
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void noStringLiteralOfTheApplicationCitesNotes() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> all = Files.walk(Path.of("src/main"))) {
            for (Path f : all.filter(Files::isRegularFile).filter(CitationTest::isText).sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                List<String> shown = f.toString().endsWith(".java") ? JavaLiterals.of(text) : List.of(text);
                for (String s : shown) {
                    if (OWN_NOTES.matcher(s).find()) {
                        found.add(f + ": " + excerpt(s));
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void everyDemonstrationsTitleSourceAndSettingsCiteNoNotes() {
        assertEquals(10, Demonstrations.all().size());
        for (Demonstration d : Demonstrations.all()) {
            List<String> texts = new ArrayList<>(List.of(d.title(), d.source()));
            for (Parameter p : d.parameters()) {
                texts.add(p.label());
                texts.add(p.help());
            }
            for (String s : texts) {
                assertTrue(!OWN_NOTES.matcher(s).find(), d.name() + ": " + s);
            }
        }
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static String excerpt(String s) {
        var m = OWN_NOTES.matcher(s);
        if (!m.find()) {
            return s;
        }
        return s.substring(Math.max(0, m.start() - 40), Math.min(s.length(), m.end() + 40));
    }

    /** The string literals and text blocks of a Java source, its comments and char literals skipped. */
    static final class JavaLiterals {
        private JavaLiterals() {
        }

        static List<String> of(String src) {
            List<String> out = new ArrayList<>();
            int i = 0;
            int n = src.length();
            int lastEnd = 0;
            while (i < n) {
                char c = src.charAt(i);
                if (src.startsWith("//", i)) {
                    i = lineEnd(src, i);
                } else if (src.startsWith("/*", i)) {
                    int end = src.indexOf("*/", i + 2);
                    i = end < 0 ? n : end + 2;
                } else if (src.startsWith("\"\"\"", i)) {
                    int end = src.indexOf("\"\"\"", i + 3);
                    end = end < 0 ? n : end;
                    out.add(src.substring(i + 3, end));
                    i = Math.min(n, end + 3);
                } else if (c == '"' || c == '\'') {
                    StringBuilder b = new StringBuilder();
                    int j = i + 1;
                    while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                        if (src.charAt(j) == '\\' && j + 1 < n) {
                            b.append(src.charAt(j + 1));
                            j += 2;
                        } else {
                            b.append(src.charAt(j++));
                        }
                    }
                    if (c == '"') {
                        // "seed " + "001" is one text on screen: join literals separated only by + and blanks
                        if (!out.isEmpty() && src.substring(lastEnd, i).matches("[\\s+]*\\+[\\s+]*")) {
                            out.set(out.size() - 1, out.get(out.size() - 1) + b);
                        } else {
                            out.add(b.toString());
                        }
                        lastEnd = j + 1;
                    }
                    i = j + 1;
                } else {
                    i++;
                }
            }
            return out;
        }

        private static int lineEnd(String s, int from) {
            int end = s.indexOf('\n', from);
            return end < 0 ? s.length() : end;
        }
    }

    /** Text a user may see: sources, layouts, styles, data and prose; icons and other binaries are not read. */
    private static boolean isText(Path f) {
        String name = f.getFileName().toString();
        return name.matches(".*\\.(java|fxml|css|json|txt|md|properties|desktop|html)$");
    }
}
