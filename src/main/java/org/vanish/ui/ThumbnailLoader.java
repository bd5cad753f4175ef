package org.vanish.ui;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javafx.scene.image.Image;
import org.vanish.engine.Analyzer;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.figure.LayerChoice;
import org.vanish.figure.ViewCharts;
import org.vanish.preset.Preset;

/**
 * Brings the gallery's thumbnails in: every cached one first, then the missing ones drawn by the figure layer
 * (the figure {@code vanish export} writes, shrunk) and kept in the cache. All of it runs on the background
 * executor; only the finished images are handed to the listener, on the UI executor. Closing the gallery cancels
 * what has not started.
 */
final class ThumbnailLoader {
    /** Draws one preset's thumbnail of width×height logical pixels at pixelScale image pixels each. */
    interface Renderer {
        BufferedImage render(PresetGallery.Entry entry, int width, int height, double pixelScale,
                BooleanSupplier cancelled) throws Exception;
    }

    /** Told, on the UI executor, of each thumbnail as it arrives, or why it could not be drawn. */
    interface Listener {
        void shown(PresetGallery.Entry entry, Image image);

        void failed(PresetGallery.Entry entry, String why);
    }

    /** The figure layer's drawing: the preset's own view or demonstration, its runs analysed on this thread. */
    static final Renderer FIGURES = (entry, width, height, pixelScale, cancelled) -> {
        Preset p = entry.preset();
        String view = ViewCharts.drawnView(p.view());
        return ViewCharts.thumbnail(ViewCharts.chart(view,
                LayerChoice.parseOrAll(p.layer()), q -> analyze(p, q), p.demo(),
                p.words(), cancelled),
                width, height, pixelScale);
    };

    /** How long a thumbnail nobody asks for is kept. */
    static final Duration UNUSED = Duration.ofDays(7);

    private final ThumbnailCache cache;
    private final Renderer renderer;
    private final Executor background;
    private final Executor ui;

    ThumbnailLoader(ThumbnailCache cache, Renderer renderer, Executor background, Executor ui) {
        this.cache = cache;
        this.renderer = renderer;
        this.background = background;
        this.ui = ui;
    }

    /** One gallery's loading; {@link #cancel()} drops whatever has not been shown yet. */
    static final class Loading {
        private final AtomicBoolean cancelled = new AtomicBoolean();
        /** The thumbnails still to draw, in the order they were found missing. */
        private final List<PresetGallery.Entry> missing = new ArrayList<>();
        private PresetGallery.Entry wanted;

        void cancel() {
            cancelled.set(true);
        }

        boolean isCancelled() {
            return cancelled.get();
        }

        /** Draws entry's thumbnail next if it is still to draw (the tile the user has gone to). */
        synchronized void prefer(PresetGallery.Entry entry) {
            wanted = entry;
        }

        private synchronized void add(PresetGallery.Entry e) {
            missing.add(e);
        }

        /** The thumbnail to draw now: the wanted one if it is missing, else the first missing. */
        private synchronized PresetGallery.Entry next() {
            PresetGallery.Entry e = wanted != null && missing.contains(wanted) ? wanted : missing.get(0);
            missing.remove(e);
            return e;
        }
    }

    /** Starts bringing in the thumbnails of entries, each width×height logical pixels at pixelScale. */
    Loading load(List<PresetGallery.Entry> entries, int width, int height, double pixelScale, Listener listener) {
        Loading loading = new Loading();
        Dimension px = ViewCharts.thumbnailPixels(width, height, pixelScale);
        Set<String> keys = new HashSet<>();
        for (PresetGallery.Entry e : entries) {
            keys.add(cache.key(e.json(), px.width, px.height));
        }
        for (PresetGallery.Entry e : entries) {
            submit(loading, () -> {
                String key = cache.key(e.json(), px.width, px.height);
                Optional<BufferedImage> kept = cache.read(key, px.width, px.height);
                if (kept.isPresent()) {
                    post(loading, e, kept.get(), listener);
                } else {
                    // queued behind every cache read, so a warm gallery fills at once even with a few misses
                    // one draw a miss, each of whichever is most wanted when it starts
                    loading.add(e);
                    submit(loading, () -> {
                        PresetGallery.Entry next = loading.next();
                        draw(loading, next, cache.key(next.json(), px.width, px.height), width, height, pixelScale,
                                listener);
                    });
                }
            });
        }
        // queued behind the reads; tidies the folder while the missing thumbnails are drawn
        submit(loading, () -> cache.prune(keys, UNUSED));
        return loading;
    }

    private void draw(Loading loading, PresetGallery.Entry e, String key, int width, int height, double pixelScale,
            Listener listener) {
        BufferedImage img;
        try {
            img = renderer.render(e, width, height, pixelScale, loading::isCancelled);
        } catch (Exception | OutOfMemoryError failure) {
            String why = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            ui.execute(() -> {
                if (!loading.isCancelled()) {
                    listener.failed(e, why);
                }
            });
            return;
        }
        if (!loading.isCancelled()) {
            post(loading, e, img, listener);
            cache.write(key, img);   // after: the write waits for the disk (AtomicFile forces it there)
        }
    }

    private void post(Loading loading, PresetGallery.Entry e, BufferedImage img, Listener listener) {
        Image fx = FxImages.of(img);
        ui.execute(() -> {
            if (!loading.isCancelled()) {
                listener.shown(e, fx);
            }
        });
    }

    private void submit(Loading loading, Runnable task) {
        try {
            background.execute(() -> {
                if (!loading.isCancelled()) {
                    task.run();
                }
            });
        } catch (RejectedExecutionException e) {
            // the app is closing
        }
    }

    /** The preset's runs analysed for q, one after another on the calling thread. */
    static List<RunResult> analyze(Preset p, Quantities q) {
        try {
            p.checkFits(q, Runtime.getRuntime().maxMemory());
        } catch (org.vanish.preset.PresetException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Analyzer analyzer = new Analyzer();
        List<Analyzer.Prepared> prepared = p.toRunSpecs().stream().map(analyzer::prepare).toList();
        double[] scales = prepared.stream().mapToDouble(r -> r.spec().scale()).toArray();
        return Analyzer.analyzeAll(prepared, scales, q, Runnable::run);
    }
}
