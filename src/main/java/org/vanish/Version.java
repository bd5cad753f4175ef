package org.vanish;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The application's name and version, as Maven built it (the project version, written into
 * {@code version.properties} by resource filtering), for {@code vanish --version} and the About dialog.
 */
public final class Version {
    /** What is shown when the build left no version (classes run straight from an IDE's output, say). */
    static final String UNKNOWN = "unknown";
    public static final String LICENSE = "MIT License";
    public static final String COPYRIGHT = "Copyright (c) 2026 the Vanish authors";

    private static final Properties PROPERTIES = load();

    private Version() {
    }

    /** The version, e.g. "0.1.0-SNAPSHOT". */
    public static String number() {
        return PROPERTIES.getProperty("version", UNKNOWN);
    }

    /**
     * The version and when it was built, e.g. "0.1.0-SNAPSHOT 2026-12-02T16:40:00Z": what a cache of things drawn by
     * this build (the gallery's thumbnails) is keyed by, so that a rebuilt figure is never shown from an old one.
     */
    public static String build() {
        return number() + " " + PROPERTIES.getProperty("built", UNKNOWN);
    }

    /** "Vanish 0.1.0-SNAPSHOT". */
    public static String nameAndNumber() {
        return PROPERTIES.getProperty("name", "Vanish") + " " + number();
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // a jar we cannot read would have failed long before; the version then reads "unknown"
        }
        if (p.getProperty("version", "").startsWith("${")) {
            p.remove("version");   // unfiltered: not built by Maven
        }
        if (p.getProperty("built", "").startsWith("${")) {
            p.remove("built");
        }
        return p;
    }
}
