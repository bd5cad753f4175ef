package org.vanish.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.vanish.preset.Deck;
import org.vanish.preset.DeckCodec;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetException;

/**
 * What the dashboard reads from the jar when it opens (the default preset, the shipped lecture deck), read on a
 * thread of its own while JavaFX starts: {@link #start()} before {@code Application.launch}, and the window finds
 * them parsed. Without a start (tests, the lab) each is read where it is needed, as before.
 */
public final class StartupPrefetch {
    private static CompletableFuture<Preset> defaultPreset;
    private static CompletableFuture<Deck> shippedDeck;

    private StartupPrefetch() {
    }

    /** Starts reading both, one after the other, on a daemon thread; a second call does nothing. */
    public static synchronized void start() {
        if (defaultPreset != null) {
            return;
        }
        defaultPreset = new CompletableFuture<>();
        shippedDeck = new CompletableFuture<>();
        CompletableFuture<Preset> preset = defaultPreset;
        CompletableFuture<Deck> deck = shippedDeck;
        Thread t = new Thread(() -> {
            try {
                preset.complete(DashboardFiles.parseDefault());
            } catch (IOException | PresetException | RuntimeException e) {
                preset.completeExceptionally(e);
            }
            try {
                deck.complete(DeckCodec.readResource(DeckCodec.SHIPPED, DeckViewModel.CATALOG));
            } catch (PresetException | RuntimeException e) {
                deck.completeExceptionally(e);
            }
        }, "vanish-prefetch");
        t.setDaemon(true);
        t.start();
    }

    /** The default preset: the prefetched one if a start asked for it, else read now. */
    static Preset defaultPreset() throws IOException, PresetException {
        CompletableFuture<Preset> f;
        synchronized (StartupPrefetch.class) {
            f = defaultPreset;
        }
        if (f == null) {
            return DashboardFiles.parseDefault();
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            throw unwrap(e, IOException.class);
        }
    }

    /** The shipped lecture deck: the prefetched one if a start asked for it, else read now. */
    static Deck shippedDeck() throws PresetException {
        CompletableFuture<Deck> f;
        synchronized (StartupPrefetch.class) {
            f = shippedDeck;
        }
        if (f == null) {
            return DeckCodec.readResource(DeckCodec.SHIPPED, DeckViewModel.CATALOG);
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            throw unwrap(e, PresetException.class);
        }
    }

    /** e's cause as thrown where it was read: a PresetException, an exception of type checked, or unchecked. */
    private static <E extends Exception> E unwrap(CompletionException e, Class<E> checked) throws PresetException {
        Throwable cause = e.getCause();
        if (cause instanceof PresetException p) {
            throw p;
        }
        if (checked.isInstance(cause)) {
            return checked.cast(cause);
        }
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        throw new UncheckedIOException(new IOException(cause));
    }
}
