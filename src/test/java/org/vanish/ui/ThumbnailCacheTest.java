package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailCacheTest {
    private static final String PRESET = "{\"format\": \"vanish-preset/1\", \"name\": \"a\"}";

    @TempDir
    Path dir;

    @Test
    void theKeyFollowsThePresetsContentTheVersionAndTheSize() {
        ThumbnailCache cache = new ThumbnailCache(dir, "1.0");
        String key = cache.key(PRESET, 280, 175);
        assertEquals(key, new ThumbnailCache(dir, "1.0").key(PRESET, 280, 175), "the same input, the same key");
        assertNotEquals(key, cache.key(PRESET.replace("\"a\"", "\"b\""), 280, 175), "an edited preset");
        assertNotEquals(key, cache.key(PRESET + " ", 280, 175), "even a changed space");
        assertNotEquals(key, new ThumbnailCache(dir, "1.1").key(PRESET, 280, 175), "another version");
        assertNotEquals(key, cache.key(PRESET, 560, 350), "another size");
        assertTrue(key.matches("[0-9a-f]{64}"), key);
    }

    @Test
    void whatIsWrittenIsReadBackPixelForPixel() {
        ThumbnailCache cache = new ThumbnailCache(dir.resolve("thumbnails"), "1.0");
        BufferedImage img = pattern(28, 17);
        assertTrue(cache.write("k", img));
        BufferedImage back = cache.read("k", 28, 17).orElseThrow();
        assertTrue(Arrays.equals(img.getRGB(0, 0, 28, 17, null, 0, 28), back.getRGB(0, 0, 28, 17, null, 0, 28)));
        assertTrue(cache.read("k", 56, 34).isEmpty(), "a file of another size is a miss");
        assertTrue(cache.read("other", 28, 17).isEmpty());
    }

    @Test
    void aCorruptOrTruncatedFileIsAMiss() throws IOException {
        ThumbnailCache cache = new ThumbnailCache(dir, "1.0");
        Files.writeString(cache.file("garbage"), "not a png at all");
        assertTrue(cache.read("garbage", 28, 17).isEmpty());
        cache.write("cut", pattern(28, 17));
        byte[] whole = Files.readAllBytes(cache.file("cut"));
        Files.write(cache.file("cut"), Arrays.copyOf(whole, whole.length / 2));
        assertTrue(cache.read("cut", 28, 17).isEmpty());
    }

    @Test
    void aFolderThatCannotBeWrittenIsReportedNotThrown() throws IOException {
        Path file = Files.writeString(dir.resolve("in-the-way"), "x");
        ThumbnailCache cache = new ThumbnailCache(file.resolve("thumbnails"), "1.0");
        assertFalse(cache.write("k", pattern(4, 4)));
        assertTrue(cache.read("k", 4, 4).isEmpty());
    }

    @Test
    void pruningRemovesOnlyOldThumbnailsNobodyAskedFor() throws IOException {
        ThumbnailCache cache = new ThumbnailCache(dir, "1.0");
        for (String k : List.of("current", "stale", "recent")) {
            cache.write(k, pattern(4, 4));
        }
        FileTime weeksAgo = FileTime.from(Instant.now().minus(Duration.ofDays(30)));
        Files.setLastModifiedTime(cache.file("current"), weeksAgo);
        Files.setLastModifiedTime(cache.file("stale"), weeksAgo);
        Files.writeString(dir.resolve("notes.txt"), "not ours");
        Files.setLastModifiedTime(dir.resolve("notes.txt"), weeksAgo);

        cache.prune(Set.of("current"), Duration.ofDays(7));

        assertTrue(Files.exists(cache.file("current")), "asked for now");
        assertFalse(Files.exists(cache.file("stale")), "old and not asked for");
        assertTrue(Files.exists(cache.file("recent")), "written within the week: another screen's scale, say");
        assertTrue(Files.exists(dir.resolve("notes.txt")), "only thumbnails are removed");
    }

    /** A seeded pattern that a reader mixing up rows, columns or channels would not give back. */
    static BufferedImage pattern(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.util.Random r = new java.util.Random(42);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(0x1000000));
            }
        }
        return img;
    }
}
