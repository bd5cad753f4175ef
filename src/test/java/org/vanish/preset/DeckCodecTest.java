package org.vanish.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vanish.figure.Demonstrations;
import org.vanish.figure.SlideViews;

class DeckCodecTest {
    static final DeckCodec.Catalog CATALOG = new DeckCodec.Catalog(SlideViews.all(), SlideViews::controls);

    @TempDir
    Path dir;

    private static final String SMALL = "{\"name\": \"small\", \"seed\": 3, \"steps\": 20, \"hiddenSize\": 5, "
            + "\"runs\": [{\"cell\": \"rnn\"}, {\"cell\": \"lstm\"}]}";

    private Path deck(String slides) throws Exception {
        Files.createDirectories(dir.resolve("presets"));
        Files.writeString(dir.resolve("presets/small.json"), SMALL);
        Path d = dir.resolve("decks/d.json");
        Files.createDirectories(d.getParent());
        Files.writeString(d, "{\"format\": \"vanish-deck/1\", \"name\": \"Test deck\", \"slides\": [" + slides + "]}");
        return d;
    }

    @Test
    void theShippedLectureHasEveryDemonstrationEachOnItsOwnPreset() throws Exception {
        Deck lecture = DeckCodec.readResource(DeckCodec.SHIPPED, CATALOG);
        List<String> views = lecture.slides().stream().map(Deck.Slide::view).toList();
        for (String demo : Demonstrations.names()) {
            assertTrue(views.contains(demo), demo + " is missing from the lecture");
        }
        // a demonstration's slide opens on the preset made for it (whose own view it is)
        for (Deck.Slide s : lecture.slides()) {
            if (Demonstrations.byName(s.view()).isPresent()) {
                Path file = Path.of("presets/decks").resolve(s.source()).normalize();
                assertEquals(s.view(), PresetCodec.read(file).view(), s.title());
            }
        }
        assertTrue(views.contains("gradient-norm") && views.contains("spectrum"), views.toString());
        // the shipped file on disk reads the same as the class-path copy
        assertEquals(lecture, DeckCodec.read(Path.of("presets/decks/lecture.json"), CATALOG));
    }

    @Test
    void slidesNameTheirPresetByPathOrInlineAndWriteBackTheSame() throws Exception {
        Path d = deck("{\"title\": \"by path\", \"preset\": \"../presets/small.json\", \"view\": \"spectrum\"},"
                + "{\"title\": \"inline\", \"preset\": " + SMALL + ", \"view\": \"stacked\", \"demo\": {\"layers\": 2},"
                + " \"controls\": [\"layers\", \"scale\"]},"
                + "{\"title\": \"default view\", \"preset\": \"../presets/small.json\"}");
        Deck read = DeckCodec.read(d, CATALOG);
        assertEquals("Test deck", read.name());
        Deck.Slide first = read.slides().get(0);
        assertEquals("../presets/small.json", first.source());
        assertEquals("spectrum", first.view());
        assertEquals(PresetCodec.parse(SMALL).withView("spectrum"), first.preset());
        Deck.Slide second = read.slides().get(1);
        assertNull(second.source());
        assertEquals(Map.of("layers", 2.0), second.preset().demo());
        assertEquals(List.of("layers", "scale"), second.controls());
        assertEquals(DeckCodec.DEFAULT_VIEW, read.slides().get(2).view());

        Path copy = d.resolveSibling("copy.json");
        Files.writeString(copy, DeckCodec.write(read));
        assertEquals(read, DeckCodec.read(copy, CATALOG));
        // a slide changed live is written inline and reads back as changed
        Deck changed = read.withSlides(List.of(first.withPreset(first.preset().withSeed(9))));
        Files.writeString(copy, DeckCodec.write(changed));
        Deck back = DeckCodec.read(copy, CATALOG);
        assertEquals(9, back.slides().get(0).preset().seed());
        assertNull(back.slides().get(0).source());
        assertEquals(changed, back);
    }

    @Test
    void onlyARegularFileIsLookedIntoForADeck() throws Exception {
        // a pipe (export <(...)) read here would be empty when read again as a preset; /dev/zero would never end
        Path fifo = dir.resolve("pipe.json");
        try {
            if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() != 0) {
                return;
            }
        } catch (java.io.IOException noMkfifo) {
            return;
        }
        assertFalse(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> DeckCodec.isDeck(fifo)), "a pipe with no writer is not opened, so not waited on");
        assertFalse(DeckCodec.isDeck(dir));
    }

    @Test
    void aDeckThatIsNotUtf8IsNamedWithTheLineAndColumn() throws Exception {
        Path deck = dir.resolve("latin1.json");
        Files.write(deck, "{\"format\": \"vanish-deck/1\",\n \"name\": \"caf\u00e9\"}"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        PresetException e = assertThrows(PresetException.class, () -> DeckCodec.read(deck, CATALOG));
        assertEquals("latin1.json: line 2, column 14: byte 0xE9 is not UTF-8 text; save the deck as UTF-8",
                e.getMessage());
    }

    @Test
    void badDecksAreOneLineNamingTheField() throws Exception {
        assertProblem("slides[0].view: \"nope\" is not a view",
                "{\"title\": \"t\", \"preset\": \"../presets/small.json\", \"view\": \"nope\"}");
        assertProblem("slides[1].preset: ../presets/gone.json: no such file",
                "{\"title\": \"t\", \"preset\": \"../presets/small.json\"}, {\"title\": \"u\", \"preset\": \"../presets/gone.json\"}");
        assertProblem("slides[0].title: missing", "{\"preset\": \"../presets/small.json\"}");
        assertProblem("slides[0].preset: runs[0].cell: \"gru2\" is not allowed",
                "{\"title\": \"t\", \"preset\": {\"runs\": [{\"cell\": \"gru2\"}]}}");
        assertProblem("slides[0].controls[0]: \"threshold\" is not a control of spectrum",
                "{\"title\": \"t\", \"preset\": \"../presets/small.json\", \"view\": \"spectrum\", \"controls\": [\"threshold\"]}");
        assertProblem("slides[0].colour: unknown field",
                "{\"title\": \"t\", \"preset\": \"../presets/small.json\", \"colour\": 1}");
        assertProblem("slides: expected an array of 1 to", "");
        Path d = dir.resolve("f.json");
        Files.writeString(d, "{\"format\": \"vanish-preset/1\", \"slides\": []}");
        PresetException e = assertThrows(PresetException.class, () -> DeckCodec.read(d, CATALOG));
        assertTrue(e.getMessage().startsWith("f.json: format: \"vanish-preset/1\" is not supported"), e.getMessage());
        Files.writeString(d, "{\"format\": \"vanish-deck/1\", \"slides\": [}");
        e = assertThrows(PresetException.class, () -> DeckCodec.read(d, CATALOG));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("malformed JSON"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    private void assertProblem(String expected, String slides) throws Exception {
        Path d = deck(slides);
        PresetException e = assertThrows(PresetException.class, () -> DeckCodec.read(d, CATALOG));
        assertTrue(e.getMessage().startsWith("d.json: " + expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void isDeckTellsADeckFromAPreset() throws Exception {
        assertTrue(DeckCodec.isDeck(Path.of("presets/decks/lecture.json")));
        assertFalse(DeckCodec.isDeck(Path.of("presets/default.json")));
        assertFalse(DeckCodec.isDeck(dir.resolve("missing.json")));
    }

    @Test
    void fileStemsAreNumberedSlugsOfTheTitles() {
        Preset p = new Preset("p", "", 1, 10, 2, new InputSpec(InputSpec.NOISE, 1, null, null),
                List.of(), "spectrum", Map.of());
        Deck d = new Deck("d", List.of(new Deck.Slide("Pascanu's conditions: σ_max against 1/γ", null, p, List.of()),
                new Deck.Slide("Counting aⁿbⁿ: LSTM × GRU", null, p, List.of()), new Deck.Slide("∂∂", null, p, List.of())));
        assertEquals("01-pascanu-s-conditions-max-against-1", d.fileStem(0));
        assertEquals("02-counting-anbn-lstm-gru", d.fileStem(1));
        assertEquals("03-slide", d.fileStem(2));
    }
}
