package org.vanish.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** The presets opened or saved last, newest first, kept in a {@link Preferences} node across sessions. */
public final class RecentFiles {
    public static final int LIMIT = 8;
    private static final String KEY = "recent";

    private final Preferences node;

    /** @param node where the list lives: {@code Preferences.userNodeForPackage(...)} in the app, a scratch node in tests */
    public RecentFiles(Preferences node) {
        this.node = node;
    }

    /** The files, newest first. */
    public List<Path> list() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            String s = node.get(KEY + i, null);
            if (s != null) {
                out.add(Path.of(s));
            }
        }
        return out;
    }

    /** Puts file first, once. */
    public void add(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>(list());
        files.remove(abs);
        files.add(0, abs);
        for (int i = 0; i < LIMIT; i++) {
            if (i < files.size()) {
                node.put(KEY + i, files.get(i).toString());
            } else {
                node.remove(KEY + i);
            }
        }
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // the list is a convenience; losing it must not stop a save
        }
    }
}
