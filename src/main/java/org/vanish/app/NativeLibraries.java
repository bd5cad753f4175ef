package org.vanish.app;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * JavaFX's native libraries for the jar that runs everywhere ({@code vanish-VERSION.jar}, built by the app
 * profile). That jar holds the natives of every system under {@code natives/CLASSIFIER/} rather than at its root
 * (macOS on Intel and on Apple silicon name theirs alike), so JavaFX cannot find them by itself: before the toolkit
 * starts, this copies the running system's set into a per-user cache directory, once per version, and puts that
 * directory first on {@code java.library.path}, which JavaFX searches next. Nothing happens for the app image (its
 * natives sit in the runtime) or for target/vanish.jar (natives at its root, unpacked by JavaFX itself).
 */
final class NativeLibraries {
    private static final String ROOT = "natives/";

    private NativeLibraries() {
    }

    /** Prepares the natives if this class was loaded from a jar that carries them; otherwise does nothing. */
    static void prepare() {
        String classifier = classifier(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        if (classifier == null || NativeLibraries.class.getResource("/" + ROOT + classifier + "/") == null) {
            return;
        }
        try {
            Path jar = Path.of(NativeLibraries.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = org.vanish.files.CacheFolder.root().resolve(org.vanish.Version.number() + "-" + classifier);
            unpack(jar, ROOT + classifier + "/", dir);
            String path = System.getProperty("java.library.path", "");
            System.setProperty("java.library.path", dir + (path.isEmpty() ? "" : File.pathSeparator + path));
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            // JavaFX then reports the library it could not load, which says more than we could here
        }
    }

    /** The jar's classifier of JavaFX for a system: linux, win, mac, mac-aarch64; null for one it does not ship. */
    static String classifier(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        boolean arm = osArch.equals("aarch64") || osArch.equals("arm64");
        if (os.startsWith("linux")) {
            return arm ? null : "linux";
        } else if (os.startsWith("windows")) {
            return arm ? null : "win";
        } else if (os.startsWith("mac")) {
            return arm ? "mac-aarch64" : "mac";
        }
        return null;
    }

    /** Copies the entries under prefix into dir, skipping files already there at the same size. */
    private static void unpack(Path jar, String prefix, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory() || !e.getName().startsWith(prefix)) {
                    continue;
                }
                Path target = dir.resolve(e.getName().substring(prefix.length()));
                if (Files.isRegularFile(target) && Files.size(target) == e.getSize()) {
                    continue;
                }
                // written aside, then renamed: two launches at once never load a half-written library
                Path part = Files.createTempFile(dir, target.getFileName().toString(), ".part");
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }
}
