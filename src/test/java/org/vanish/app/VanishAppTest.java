package org.vanish.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class VanishAppTest {
    @Test
    void thePresetFileIsTakenInEitherForm() {
        assertNull(VanishApp.presetArgument(List.of()));
        assertEquals(Path.of("a.json"), VanishApp.presetArgument(List.of("--preset", "a.json")));
        assertEquals(Path.of("b.json"), VanishApp.presetArgument(List.of("--preset=b.json")));
    }

    @Test
    void aMissingFileNameOrAStrayArgumentIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> VanishApp.presetArgument(List.of("--preset")));
        assertThrows(IllegalArgumentException.class, () -> VanishApp.presetArgument(List.of("analyse")));
    }

    @Test
    void theTabOptionNamesAView() {
        assertEquals("heatmap", VanishApp.arguments(List.of("--preset", "a.json", "--tab", "heatmap")).tab());
        assertEquals("spectrum", VanishApp.arguments(List.of("--tab=spectrum")).tab());
        assertEquals("training", VanishApp.arguments(List.of("--tab", "training")).tab(), "the training lab");
        assertNull(VanishApp.arguments(List.of()).tab());
        assertThrows(IllegalArgumentException.class, () -> VanishApp.arguments(List.of("--tab", "pie")));
        assertThrows(IllegalArgumentException.class, () -> VanishApp.arguments(List.of("--tab")));
    }

    @Test
    void theDeckOptionNamesAFile() {
        assertEquals(Path.of("decks/mine.json"), VanishApp.arguments(List.of("--deck", "decks/mine.json")).deck());
        assertEquals(Path.of("d.json"), VanishApp.arguments(List.of("--tab", "spectrum", "--deck=d.json")).deck());
        assertNull(VanishApp.arguments(List.of()).deck());
        assertThrows(IllegalArgumentException.class, () -> VanishApp.arguments(List.of("--deck")));
    }
}
