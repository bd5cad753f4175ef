package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.image.Image;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.vanish.figure.ViewCharts;

/** The thumbnails come from the cache when they can, from the renderer off the FX thread when they must. */
@ExtendWith(ApplicationExtension.class)   // for the JavaFX images the loader hands out
class ThumbnailLoaderTest {
    private static final int W = 28;
    private static final int H = 17;

    @TempDir
    Path dir;
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final AtomicInteger drawn = new AtomicInteger();
    private final List<String> drawnOn = new CopyOnWriteArrayList<>();
    private final Map<String, Image> shown = new ConcurrentHashMap<>();
    private final List<Boolean> shownOnFx = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    private final ThumbnailLoader.Renderer pattern = (entry, width, height, scale, cancelled) -> {
        drawn.incrementAndGet();
        drawnOn.add(Thread.currentThread().getName() + (Platform.isFxApplicationThread() ? " (FX)" : ""));
        return ThumbnailCacheTest.pattern(width, height);
    };

    private void loadAll(ThumbnailLoader loader, List<PresetGallery.Entry> entries) throws Exception {
        shown.clear();
        loader.load(entries, W, H, 1, new ThumbnailLoader.Listener() {
            @Override
            public void shown(PresetGallery.Entry entry, Image image) {
                shownOnFx.add(Platform.isFxApplicationThread());
                shown.put(entry.file(), image);
            }

            @Override
            public void failed(PresetGallery.Entry entry, String why) {
                throw new AssertionError(entry.file() + ": " + why);
            }
        });
        org.testfx.util.WaitForAsyncUtils.waitFor(FxWait.TIMEOUT_S, TimeUnit.SECONDS,
                () -> shown.size() == entries.size());
        // the cache is written after a thumbnail is handed over: wait for the loader's thread to be done
        background.submit(() -> { }).get(FxWait.TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static List<PresetGallery.Entry> three() throws IOException {
        return PresetGallery.list().subList(0, 3);
    }

    @Test
    void aColdCacheIsDrawnOffTheFxThreadAndAWarmOneIsNotDrawnAgain() throws Exception {
        ThumbnailCache cache = new ThumbnailCache(dir, "test");
        ThumbnailLoader loader = new ThumbnailLoader(cache, pattern, background, Platform::runLater);
        List<PresetGallery.Entry> entries = three();

        loadAll(loader, entries);
        assertEquals(3, drawn.get());
        assertTrue(drawnOn.stream().noneMatch(t -> t.endsWith("(FX)")), drawnOn.toString());
        assertTrue(shownOnFx.stream().allMatch(b -> b), "images are handed over on the FX thread");
        for (PresetGallery.Entry e : entries) {
            assertTrue(cache.read(cache.key(e.json(), W, H), W, H).isPresent(), e.file());
        }

        loadAll(loader, entries);
        assertEquals(3, drawn.get(), "a warm cache draws nothing");
        assertEquals(W, (int) shown.get(entries.get(0).file()).getWidth());
    }

    @Test
    void aCorruptCacheFileIsDrawnAgainAndReplaced() throws Exception {
        ThumbnailCache cache = new ThumbnailCache(dir, "test");
        ThumbnailLoader loader = new ThumbnailLoader(cache, pattern, background, Platform::runLater);
        List<PresetGallery.Entry> entries = three();
        loadAll(loader, entries);
        Path file = cache.file(cache.key(entries.get(1).json(), W, H));
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});

        loadAll(loader, entries);

        assertEquals(4, drawn.get(), "only the corrupt one is drawn again");
        assertTrue(cache.read(cache.key(entries.get(1).json(), W, H), W, H).isPresent(), "and replaced");
    }

    @Test
    void theTileGoneToIsDrawnFirst() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        ThumbnailLoader.Renderer noting = (entry, width, height, scale, cancelled) -> {
            order.add(entry.file());
            return ThumbnailCacheTest.pattern(width, height);
        };
        List<PresetGallery.Entry> entries = three();
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        background.submit(() -> {
            gate.await();
            return null;
        });
        ThumbnailLoader.Loading loading = new ThumbnailLoader(new ThumbnailCache(dir, "test"), noting, background,
                Runnable::run).load(entries, W, H, 1, new ThumbnailLoader.Listener() {
                    @Override
                    public void shown(PresetGallery.Entry entry, Image image) {
                    }

                    @Override
                    public void failed(PresetGallery.Entry entry, String why) {
                    }
                });
        loading.prefer(entries.get(2));
        gate.countDown();
        org.testfx.util.WaitForAsyncUtils.waitFor(FxWait.TIMEOUT_S, TimeUnit.SECONDS, () -> order.size() == 3);
        assertEquals(List.of(entries.get(2).file(), entries.get(0).file(), entries.get(1).file()), order);
    }

    @Test
    void aCacheThatCannotBeWrittenStillShowsEveryThumbnail() throws Exception {
        Path inTheWay = Files.writeString(dir.resolve("a-file"), "x");
        ThumbnailLoader loader = new ThumbnailLoader(new ThumbnailCache(inTheWay.resolve("thumbnails"), "test"),
                pattern, background, Platform::runLater);
        loadAll(loader, three());
        assertEquals(3, shown.size());
    }

    @Test
    void theFigureLayerDrawsAPresetsFigureAtTheThumbnailsSize() throws Exception {
        PresetGallery.Entry first = PresetGallery.list().get(0);
        BufferedImage img = ThumbnailLoader.FIGURES.render(first, 280, 175, 2, () -> false);
        assertEquals(560, img.getWidth());
        assertEquals(350, img.getHeight());
        int[] rgb = img.getRGB(0, 0, 560, 350, null, 0, 560);
        long coloured = java.util.Arrays.stream(rgb).filter(p -> {
            int r = (p >> 16) & 0xff;
            int g = (p >> 8) & 0xff;
            int b = p & 0xff;
            return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60;
        }).count();
        assertTrue(coloured > 500, "the runs' coloured curves are drawn: " + coloured + " coloured pixels");
        assertFalse(ViewCharts.drawnView(first.preset().view()).isEmpty());
    }
}
