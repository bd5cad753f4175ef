package org.vanish.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vanish.engine.CellType;
import org.vanish.train.Optimizer;
import org.vanish.train.Task;
import org.vanish.train.TrainConfig;
import org.vanish.train.Trainer;

/** Shortened labels and names never end or start half-way through a character (an emoji is two UTF-16 chars). */
class TextCutTest {
    private static final String FIRE = "\uD83D\uDD25";

    @Test
    void headAndTailKeepWholeCodePoints() {
        assertEquals("a", TextCut.head("a" + FIRE, 2));
        assertEquals("a" + FIRE, TextCut.head("a" + FIRE + "b", 3));
        assertEquals("b", TextCut.tail(FIRE + "b", 2));
        assertEquals(FIRE + "b", TextCut.tail("a" + FIRE + "b", 3));
        assertEquals("abc", TextCut.head("abc", 3));
        assertEquals("", TextCut.head(FIRE, 1));
    }

    @Test
    void aRepeatedLabelOfEmojiAtTheLimitIsMadeUniqueWithoutAHalfCharacter() throws Exception {
        String label = "a" + FIRE.repeat(49);   // 99 UTF-16 chars; " (2)" leaves room for 96, mid-emoji
        Preset p = PresetCodec.parse("{\"steps\": 3, \"hiddenSize\": 2, \"runs\": [{\"label\": \"" + label
                + "\"}, {\"label\": \"" + label + "\"}]}");
        String second = p.runs().get(1).label();
        assertWhole(second);
        assertEquals("a" + FIRE.repeat(47) + " (2)", second);
        assertEquals(second, PresetCodec.parse(PresetCodec.write(p)).runs().get(1).label());
    }

    @Test
    void aTrainedPresetsLongNameKeepsWholeCharacters() throws Exception {
        TrainConfig c = TrainConfig.defaults(Task.ADDING, CellType.GRU).withLength(4).withHiddenSize(2)
                .withDatasetSize(8).withOptimizer(Optimizer.ADAM, 0.01, 0.9, 4);
        Trainer t = new Trainer(c);
        t.step();
        // 217 chars: the last 199 start on the low half of an emoji
        String name = "a" + FIRE.repeat(99) + " (trained 2 steps)";
        Preset p = PresetCodec.parse(PresetCodec.write(TrainedPresets.of(t, name)));
        assertWhole(p.name());
        assertTrue(p.name().length() <= PresetCodec.MAX_NAME, p.name());
        assertTrue(p.name().startsWith("…" + FIRE) && p.name().endsWith(" (trained 2 steps)"), p.name());
    }

    private static void assertWhole(String s) {
        // a lone surrogate does not survive UTF-8: it comes back as '?'
        assertEquals(s, new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
