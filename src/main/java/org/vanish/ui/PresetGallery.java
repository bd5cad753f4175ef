package org.vanish.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.vanish.figure.Demonstrations;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;
import org.vanish.preset.PresetException;

/**
 * The presets that ship with the app (the {@code presets/} folder, inside the jar under {@code /presets/}),
 * found by listing that folder on the class path, whether it is a directory or a jar entry.
 */
public final class PresetGallery {
    static final String FOLDER = "/presets/";

    /** The gallery's groups, in its order, with their headings. */
    public enum Group {
        DASHBOARD("Dashboard"), LECTURE("Lecture"), TRAINING("Training lab");

        private final String heading;

        Group(String heading) {
            this.heading = heading;
        }

        public String heading() {
            return heading;
        }
    }

    /** One shipped preset: its file name, its text (what its thumbnail is keyed by) and its parsed content. */
    public record Entry(String file, String json, Preset preset) {
        public String name() {
            return preset.name();
        }

        public String description() {
            return preset.description();
        }

        /** Where the preset opens, in words: "Dashboard · spectrum", "Lecture · 4 · Exploding …", "Training lab". */
        public String opensOn() {
            String view = preset.view();
            if (view == null) {
                return "Dashboard";
            }
            if (view.equals(TRAINING)) {
                return "Training lab";
            }
            return Demonstrations.byName(view).map(d -> "Lecture · " + d.title()).orElse("Dashboard · " + view);
        }

        /** Where it opens: the dashboard (also for a dashboard view), the lecture's demonstrations, the lab. */
        public Group group() {
            String view = preset.view();
            if (TRAINING.equals(view)) {
                return Group.TRAINING;
            }
            return view != null && Demonstrations.byName(view).isPresent() ? Group.LECTURE : Group.DASHBOARD;
        }

        /** The gallery's order: the dashboard's presets, then the lecture's in lecture order, then the lab's. */
        int rank() {
            String view = preset.view();
            if (view == null || file.equals("default.json")) {
                return file.equals("default.json") ? -1 : 0;
            }
            if (view.equals(TRAINING)) {
                return 10_000;
            }
            int demo = Demonstrations.names().indexOf(view);
            return demo < 0 ? 0 : 1 + demo;
        }
    }

    /** The view name of the training lab, as a preset's {@code view}. */
    public static final String TRAINING = "training";

    private PresetGallery() {
    }

    /** The shipped presets, listed once a run on a thread of its own; see {@link #list()}. */
    private static CompletableFuture<List<Entry>> shipped;

    /**
     * The shipped presets, as {@link #list()} gives them, listed on first use on a background thread and kept: they
     * live in the jar and cannot change while the app runs.
     */
    public static synchronized CompletableFuture<List<Entry>> shipped() {
        if (shipped == null) {
            shipped = CompletableFuture.supplyAsync(() -> {
                try {
                    return List.copyOf(list());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, r -> {
                Thread t = new Thread(r, "vanish-presets");
                t.setDaemon(true);
                t.start();
            });
        }
        return shipped;
    }

    /**
     * The shipped presets: "default" first, then the dashboard's, the lecture's in lecture order and the training
     * lab's, each by file name; a file that does not parse is left out.
     */
    public static List<Entry> list() throws IOException {
        URL folder = PresetGallery.class.getResource(FOLDER);
        if (folder == null) {
            throw new IOException(FOLDER + " is missing from the class path");
        }
        List<Entry> out = new ArrayList<>();
        try {
            URI uri = folder.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                }
                collect(fs.getPath(FOLDER), out);
            } else {
                collect(Path.of(uri), out);
            }
        } catch (URISyntaxException e) {
            throw new IOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparingInt(Entry::rank).thenComparing(Entry::file));
        return out;
    }

    private static void collect(Path dir, List<Entry> out) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    out.add(new Entry(p.getFileName().toString(), json, PresetCodec.parse(json)));
                } catch (PresetException e) {
                    // a broken shipped preset is a build error, caught by PresetGalleryTest; the rest still show
                }
            }
        }
    }
}
