package org.vanish.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one way Vanish writes a file: it is either the old file or the whole new one. The content goes to a hidden
 * temporary file beside the target ({@code .NAME.<random>.tmp}), is forced to disk and only then renamed over the
 * target; any failure (a full disk, a read-only place, a folder in the way) leaves the target as it was, removes the
 * temporary file and is reported as a {@link WriteFailure}: "cannot write PATH: reason".
 * <p>
 * A writer holds a lock on its temporary file until the rename, so a temporary file nobody holds is one that a
 * killed writer left behind: each write removes those of its target first.
 */
public final class AtomicFile {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 255 bytes, less ".", "." + 16 hex digits + ".tmp" (22) and some room. */
    static final int MAX_STEM_BYTES = 200;
    /** The temporary files this program is writing now. */
    private static final java.util.Set<Path> IN_PROGRESS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private AtomicFile() {
    }

    /** Produces the content of a file. */
    public interface Content {
        void write(OutputStream out) throws IOException;
    }

    /** Writes file atomically, creating its folder if needed; returns file. */
    public static Path write(Path file, Content content) throws WriteFailure {
        Map<Path, Content> one = new LinkedHashMap<>();
        one.put(file, content);
        writeAll(one);
        return file;
    }

    /** Writes text as UTF-8, atomically. */
    public static Path write(Path file, String text) throws WriteFailure {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return write(file, out -> out.write(bytes));
    }

    /** Writes bytes, atomically. */
    public static Path write(Path file, byte[] bytes) throws WriteFailure {
        return write(file, out -> out.write(bytes));
    }

    /**
     * Checks, before a long computation, that file could be written now, and leaves no trace: its folder is made
     * (as a write would), a temporary file is created in it and removed, and the folders the check made are removed
     * again. A full disk can still fail the write itself; a read-only place, a missing permission or a file where a
     * folder should be is reported here, before the work is done.
     * @throws WriteFailure "cannot write PATH: reason", as the write would report it
     */
    public static void checkWritable(Path file) throws WriteFailure {
        List<Path> made = missingFolders(file);
        try {
            Pending p = prepare(file);
            try {
                Files.newByteChannel(p.tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
            } catch (IOException e) {
                throw WriteFailure.of(file, e);
            } finally {
                p.discard();
            }
        } finally {
            removeEmpty(made);
        }
    }

    /** The folders above file that do not exist yet, deepest first. */
    private static List<Path> missingFolders(Path file) {
        List<Path> missing = new ArrayList<>();
        for (Path a = file.toAbsolutePath().getParent(); a != null && !Files.exists(a); a = a.getParent()) {
            missing.add(a);
        }
        return missing;
    }

    /** Removes the folders a failed write made, deepest first, each only if it is empty. */
    private static void removeEmpty(List<Path> folders) {
        for (Path dir : folders) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // not empty (someone else wrote there meanwhile) or not made at all: left as it is
            }
        }
    }

    /**
     * Writes several files together: every content is written to its temporary file first, and the targets are
     * replaced only once all of them are complete, so a failure (say the disk fills at the fifth CSV) leaves every
     * target as it was. Returns the files in order.
     */
    public static List<Path> writeAll(Map<Path, Content> files) throws WriteFailure {
        List<Pending> pending = new ArrayList<>();
        // a failed write leaves no trace, not even the (empty) folders it made for its files
        java.util.Set<Path> made = new java.util.LinkedHashSet<>();
        boolean done = false;
        try {
            for (Map.Entry<Path, Content> e : files.entrySet()) {
                made.addAll(missingFolders(e.getKey()));
                Pending p = prepare(e.getKey());
                pending.add(p);
                p.fill(e.getValue());
            }
            for (Pending p : pending) {
                p.commit();
            }
            done = true;
        } finally {
            for (Pending p : pending) {
                p.discard();
            }
            if (!done && pending.stream().noneMatch(p -> p.moved)) {
                List<Path> deepestFirst = new ArrayList<>(made);
                deepestFirst.sort(java.util.Comparator.comparingInt(Path::getNameCount).reversed());
                removeEmpty(deepestFirst);
            }
        }
        return new ArrayList<>(files.keySet());
    }

    /** A target whose content is being written to a locked temporary file beside it. */
    private static final class Pending {
        final Path file;
        final Path target;
        final Path tmp;
        FileChannel channel;
        boolean moved;

        Pending(Path file, Path target, Path tmp) {
            this.file = file;
            this.target = target;
            this.tmp = tmp;
        }

        void fill(Content content) throws WriteFailure {
            try {
                IN_PROGRESS.add(tmp);
                channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                lock(channel);
                keepAccess(target, tmp);
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.write(new UnclosableOutputStream(out));
                out.flush();
                // on disk before the rename, so a crash cannot leave the new name on an empty file; a file system
                // that reports a full disk only when forced reports it here
                channel.force(true);
            } catch (IOException e) {
                throw WriteFailure.of(file, e);
            }
        }

        void commit() throws WriteFailure {
            if (Files.isDirectory(target)) {
                throw new WriteFailure(file.toString(), "it is a folder", null);
            }
            try {
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                moved = true;
            } catch (IOException e) {
                throw WriteFailure.of(file, e);
            }
        }

        void discard() {
            try {
                if (channel != null) {
                    channel.close();   // releases the lock
                }
            } catch (IOException ignored) {
                // the file is deleted below or was renamed; nothing to keep
            }
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a folder we may not write to: the temporary file was never made
                }
            }
            IN_PROGRESS.remove(tmp);
        }
    }

    /**
     * Gives tmp the permissions and group of the file it will replace, before any content is in it: a report the
     * user made private (rw-------) stays private, a shared one stays group-writable. A new file keeps the default.
     */
    private static void keepAccess(Path target, Path tmp) {
        try {
            if (Files.exists(target) && Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
                try {
                    Files.setAttribute(tmp, "posix:group", Files.getAttribute(target, "posix:group"));
                } catch (IOException | SecurityException e) {
                    // not a member of that group: the file gets the writer's group, as a new file would
                }
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // a file system without POSIX permissions: nothing to keep
        }
    }

    /**
     * file's place after its symbolic links (even a link to a file not yet made): writing replaces the file a link
     * points to, as an editor saving through the link does, and leaves the link in place.
     */
    private static Path followLinks(Path file) {
        Path p = file;
        for (int hops = 0; hops < 40 && Files.isSymbolicLink(p); hops++) {
            try {
                Path parent = p.getParent();
                Path link = Files.readSymbolicLink(p);
                p = (parent == null ? link : parent.resolve(link)).toAbsolutePath().normalize();
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return p;
            }
        }
        return p;
    }

    private static void lock(FileChannel channel) throws IOException {
        try {
            channel.tryLock();
        } catch (UnsupportedOperationException | OverlappingFileLockException e) {
            // a file system without locks (rare): cleaning up after a kill then relies on the name alone
        }
    }

    /** Checks the target's place, makes its folder, removes stale temporary files and names a new one. */
    private static Pending prepare(Path file) throws WriteFailure {
        Path target = followLinks(file.toAbsolutePath());
        if (target.getFileName() == null) {
            throw new WriteFailure(file.toString(), "it is not a file name", null);
        }
        if (Files.isDirectory(target)) {
            throw new WriteFailure(file.toString(), "it is a folder", null);
        }
        Path dir = target.getParent();
        for (Path a = dir; a != null; a = a.getParent()) {
            if (Files.exists(a)) {
                if (!Files.isDirectory(a)) {
                    throw new WriteFailure(file.toString(), a + " is a file, not a folder", null);
                }
                break;
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw WriteFailure.of(file, e);
        }
        String name = target.getFileName().toString();
        removeStale(dir, name);
        // not Files.createTempFile: its files are private (rw-------), and reports and figures are for sharing
        Path tmp = dir.resolve("." + tmpStem(name) + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
        return new Pending(file, target, tmp);
    }

    /**
     * The part of a temporary file's name that comes from its target's name: the name itself, or for a name longer
     * than {@link #MAX_STEM_BYTES} bytes of UTF-8 its start and "~", so that ".NAME.<16 hex digits>.tmp" stays within
     * the 255 bytes a file name may have (Linux, macOS; 255 UTF-16 units on Windows) whenever NAME does.
     */
    static String tmpStem(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_STEM_BYTES) {
            return name;
        }
        StringBuilder stem = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            int len = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > MAX_STEM_BYTES - 1) {
                break;
            }
            stem.appendCodePoint(c);
            bytes += len;
            i += Character.charCount(c);
        }
        return stem.append('~').toString();
    }

    /**
     * Deletes the temporary files of name in dir that no writer holds (what a killed writer leaves). A file
     * locked by a writer in another process, or in this one, is left alone.
     */
    static void removeStale(Path dir, String name) {
        Pattern ours = Pattern.compile(Pattern.quote("." + tmpStem(name) + ".") + "[0-9a-f]{1,16}\\.tmp");
        DirectoryStream.Filter<Path> filter = f -> ours.matcher(f.getFileName().toString()).matches();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, filter)) {
            for (Path f : files) {
                // closing a second channel on a file can drop this process's own lock on it: never open ours
                if (IN_PROGRESS.contains(f.toAbsolutePath()) || !Files.isRegularFile(f)) {
                    continue;
                }
                try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    FileLock lock = c.tryLock();
                    if (lock != null) {
                        Files.deleteIfExists(f);
                        lock.release();
                    }
                } catch (OverlappingFileLockException busy) {
                    // written right now by another thread of this program
                } catch (IOException | UnsupportedOperationException e) {
                    // not ours to delete, or gone already: the write goes on
                }
            }
        } catch (IOException e) {
            // an unreadable folder: the write itself reports what is wrong
        }
    }

    /** Keeps a content writer from closing the stream before it is flushed and forced. */
    private static final class UnclosableOutputStream extends java.io.FilterOutputStream {
        UnclosableOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
