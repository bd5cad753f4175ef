package org.vanish.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.vanish.files.AtomicFile;
import org.vanish.files.CacheFolder;
import org.vanish.figure.Figures;

/**
 * The gallery's thumbnails on disk, one PNG a thumbnail, named by a hash of what it was drawn from: the preset's
 * text, the app's version and build time and the thumbnail's size in pixels. A preset that changes, a new build (its
 * figures may draw differently) or another screen scale gives another name, so nothing stale is ever shown; the
 * thumbnails nobody asked for in a week are removed ({@link #prune}). A file that is missing, unreadable, corrupt or of the wrong size is a miss; a file that cannot be
 * written is skipped: the cache only ever saves time, it never stops the gallery.
 */
public final class ThumbnailCache {
    private final Path folder;
    private final String version;

    /**
     * @param folder  where the PNGs go (created when the first is written)
     * @param version the app's version and build, part of every key
     */
    public ThumbnailCache(Path folder, String version) {
        this.folder = folder;
        this.version = version;
    }

    /** The cache in the user's cache folder ({@link CacheFolder}), {@code thumbnails/} in it. */
    public static ThumbnailCache inUserCache() {
        return new ThumbnailCache(CacheFolder.root().resolve("thumbnails"), org.vanish.Version.build());
    }

    public Path folder() {
        return folder;
    }

    /** The key of a thumbnail of widthPx×heightPx pixels drawn from a preset's text. */
    public String key(String presetText, int widthPx, int heightPx) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((version + '\n' + widthPx + 'x' + heightPx + '\n').getBytes(StandardCharsets.UTF_8));
            sha.update(presetText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The file a key is kept in. */
    public Path file(String key) {
        return folder.resolve(key + ".png");
    }

    /** The thumbnail kept under key, if there is a readable one of widthPx×heightPx pixels. */
    public Optional<BufferedImage> read(String key, int widthPx, int heightPx) {
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null || img.getWidth() != widthPx || img.getHeight() != heightPx) {
                return Optional.empty();
            }
            return Optional.of(img);
        } catch (IOException | RuntimeException e) {
            // a truncated or garbled PNG (ImageIO throws unchecked exceptions on some) is drawn again
            return Optional.empty();
        }
    }

    /**
     * Removes the thumbnails not among keep and not written for maxAge: those of older builds, of presets since
     * changed, of another screen's scale left unused. Whatever cannot be removed stays.
     */
    public void prune(Set<String> keep, Duration maxAge) {
        Instant before = Instant.now().minus(maxAge);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.png")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (!keep.contains(name.substring(0, name.length() - ".png".length()))
                        && Files.getLastModifiedTime(f).toInstant().isBefore(before)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a folder that cannot be listed or a file in use: removed another time
        }
    }

    /** Keeps img under key, atomically; false if it could not be written (a read-only or full disk). */
    public boolean write(String key, BufferedImage img) {
        try {
            AtomicFile.write(file(key), Figures.png(img));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
