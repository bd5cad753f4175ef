package org.vanish.files;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Vanish keeps what it can always make again (JavaFX's unpacked natives, the gallery's thumbnails): the
 * system's per-user cache folder, never the folder the app runs from. {@code %LOCALAPPDATA%\Vanish\cache} on
 * Windows, {@code ~/Library/Caches/Vanish} on macOS, {@code $XDG_CACHE_HOME/vanish} or {@code ~/.cache/vanish}
 * elsewhere (the XDG Base Directory Specification).
 */
public final class CacheFolder {
    private CacheFolder() {
    }

    /** The cache folder of this user on this system. */
    public static Path root() {
        return root(System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")), System.getenv());
    }

    /** The cache folder for a system named osName, a home folder and an environment. */
    static Path root(String osName, Path home, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        String local = env.get("LOCALAPPDATA");
        String xdg = env.get("XDG_CACHE_HOME");
        if (os.startsWith("windows") && local != null && !local.isEmpty()) {
            return Path.of(local, "Vanish", "cache");
        } else if (os.startsWith("mac")) {
            return home.resolve("Library/Caches/Vanish");
        }
        // the specification asks to ignore a relative XDG_CACHE_HOME
        return (xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".cache")).resolve("vanish");
    }
}
