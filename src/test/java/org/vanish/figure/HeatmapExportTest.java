package org.vanish.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vanish.cli.CliRunner;

/** {@code vanish export --view heatmap}, end to end, as a lecturer scripts it. */
class HeatmapExportTest {
    @TempDir
    Path dir;


    private Path preset() throws Exception {
        Path p = dir.resolve("p.json");
        Files.writeString(p, FigureFixtures.FOUR_CELLS);
        return p;
    }

    @Test
    void writesANonBlankPngOfTheRequestedSize() throws Exception {
        Path out = dir.resolve("h.png");
        assertEquals(0, CliRunner.run(new ByteArrayOutputStream(), "export", preset().toString(), "--view", "heatmap",
                "--out", out.toString(), "--width", "1200", "--height", "700", "--scale", "2"));
        BufferedImage img = ImageIO.read(out.toFile());
        assertEquals(2400, img.getWidth());
        assertEquals(1400, img.getHeight());
        FiguresTest.assertNotBlank(img, "heatmap");
    }

    @Test
    void runChoosesTheRunByLabelAndAnUnknownLabelIsRefusedWithTheLabels() throws Exception {
        Path out = dir.resolve("lstm.png");
        assertEquals(0, CliRunner.run(new ByteArrayOutputStream(), "export", preset().toString(), "--view", "heatmap",
                "--run", "lstm", "--out", out.toString()));
        assertEquals(1600, ImageIO.read(out.toFile()).getWidth());

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path none = dir.resolve("none.png");
        assertEquals(2, CliRunner.run(err, "export", preset().toString(), "--view", "heatmap", "--run", "lstm b_f = 9",
                "--out", none.toString()));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("--run") && message.contains("rnn tanh, additive, lstm, gru"), message);
        assertFalse(Files.exists(none));

        err = new ByteArrayOutputStream();
        assertEquals(2, CliRunner.run(err, "export", preset().toString(), "--view", "spectrum", "--run", "lstm",
                "--out", none.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("only the heatmap"));
    }
}
