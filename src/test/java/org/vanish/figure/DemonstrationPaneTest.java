package org.vanish.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vanish.engine.Analyzer;
import org.vanish.engine.RunResult;
import org.vanish.lecture.Parameter;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;

/** What the chooser and the explanation pane promise for all ten views: two groups of titles, short text, a source. */
class DemonstrationPaneTest {
    /** The pane is a narrow column beside the chart: a few lines with the numbers, the verdict and the source. */
    private static final int MOST_LINES = 8;

    @Test
    void theChooserReadsAsTheNumberedLectureThenTheTheory() {
        List<Demonstration> all = Demonstrations.all();
        assertEquals(10, all.size());
        for (int i = 0; i < all.size(); i++) {
            String title = all.get(i).title();
            assertTrue(title.startsWith(i < 7 ? (i + 1) + " · " : "Theory · "), title);
        }
    }

    @Test
    void everyShippedPresetOfEveryViewExplainsInAFewLinesEndingWithItsSource() throws Exception {
        Set<String> seen = new HashSet<>();
        try (var files = Files.list(Path.of("presets"))) {
            for (Path f : files.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
                Preset p = PresetCodec.read(f);
                Demonstration d = p.view() == null ? null : Demonstrations.byName(p.view()).orElse(null);
                if (d == null) {
                    continue;
                }
                Analyzer a = new Analyzer();
                List<RunResult> runs = d.usesRuns()
                        ? p.toRunSpecs().stream().map(s -> a.analyze(s, d.needs())).toList() : List.of();
                String text = d.show(new Demonstration.Input(runs, p.words()),
                        Parameter.settings(d.parameters(), p.demo()), () -> false).explanation();
                List<String> lines = text.lines().toList();
                assertTrue(lines.size() <= MOST_LINES, f + ": " + lines.size() + " lines\n" + text);
                assertEquals("Source: " + d.source() + ".", lines.get(lines.size() - 1), f.toString());
                seen.add(d.name());
            }
        }
        assertEquals(Set.copyOf(Demonstrations.names()), seen, "a shipped preset for every view");
    }
}
