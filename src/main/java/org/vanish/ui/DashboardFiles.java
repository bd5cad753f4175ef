package org.vanish.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import org.vanish.engine.Quantities;
import org.vanish.files.AtomicFile;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;
import org.vanish.preset.PresetException;

/**
 * The dashboard's file and history: the preset's file, whether the picture differs from it, the window title,
 * the undo history, and reading and writing preset files.
 */
final class DashboardFiles {
    static final String DEFAULT_PRESET = "/presets/default.json";

    final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    final ReadOnlyBooleanWrapper modified = new ReadOnlyBooleanWrapper(this, "modified", false);
    final UndoHistory<Preset> history = new UndoHistory<>();
    final StringBinding title;

    DashboardFiles(ReadOnlyStringProperty presetName) {
        title = Bindings.createStringBinding(
                () -> "Vanish — " + presetName.get() + (modified.get() ? " *" : ""), presetName, modified);
    }

    /** The preset bundled with the app (read while JavaFX starts, if {@link StartupPrefetch} was started). */
    static Preset readDefault() throws IOException, PresetException {
        return StartupPrefetch.defaultPreset();
    }

    /** Reads and parses the preset bundled with the app. */
    static Preset parseDefault() throws IOException, PresetException {
        try (InputStream in = DashboardFiles.class.getResourceAsStream(DEFAULT_PRESET)) {
            if (in == null) {
                throw new IOException(DEFAULT_PRESET + " is missing from the class path");
            }
            return PresetCodec.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** A preset file, checked to fit in memory with every quantity. */
    static Preset read(Path path) throws PresetException {
        Preset p = PresetCodec.read(path);
        p.checkFits(Quantities.FULL, Runtime.getRuntime().maxMemory());
        return p;
    }

    /** Writes p to path (atomically) and makes it the preset's file. */
    void write(Preset p, Path path) throws IOException {
        AtomicFile.write(path, PresetCodec.write(p));
        file.set(path);
        modified.set(false);
    }

    /** A new preset on screen: no file, no history, unmodified. */
    void reset() {
        history.clear();
        modified.set(false);
        file.set(null);
    }
}
