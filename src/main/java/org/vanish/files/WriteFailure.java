package org.vanish.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * A file (or standard output) that could not be written completely. Its message is the one line a user sees:
 * {@code cannot write PATH: reason}, the reason in words ("no space left on device", "permission denied",
 * "read-only file system", "it is a folder", ...), never an exception's class name.
 */
public final class WriteFailure extends IOException {
    private static final long serialVersionUID = 1L;
    private final String target;
    private final String reason;

    public WriteFailure(String target, String reason, Throwable cause) {
        super("cannot write " + target + ": " + reason, cause);
        this.target = target;
        this.reason = reason;
    }

    /** The failure to write target because of e, with e's reason in words. */
    public static WriteFailure of(Object target, Throwable e) {
        if (e instanceof WriteFailure w) {
            return w;
        }
        return new WriteFailure(String.valueOf(target), reason(e), e);
    }

    /** What was being written: a path, or "standard output". */
    public String target() {
        return target;
    }

    /** Why it could not be written, in words. */
    public String reason() {
        return reason;
    }

    /** The reason for e in words, looking through its causes (ImageIO wraps the stream's exception). */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("no space left") || m.contains("out of disk space") || m.contains("disk quota")) {
                return "no space left on device";
            }
            if (m.contains("read-only file system")) {
                return "read-only file system";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AccessDeniedException) {
                return "permission denied";
            }
            if (t instanceof DirectoryNotEmptyException) {
                return "it is a folder";
            }
            if (t instanceof NoSuchFileException n) {
                return "no such folder" + (n.getFile() != null ? " (" + n.getFile() + ")" : "");
            }
            if (t instanceof FileAlreadyExistsException f) {
                return (f.getFile() != null ? f.getFile() : "a parent") + " is a file, not a folder";
            }
            if (t instanceof FileSystemException f && f.getReason() != null) {
                String r = f.getReason();
                if (r.toLowerCase(Locale.ROOT).contains("not a directory")) {
                    return "a parent folder is a file";
                }
                return lower(r);
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() != null ? root.getMessage() : e.getMessage();
        return m != null && !m.isBlank() ? lower(m) : "the write failed (" + root.getClass().getSimpleName() + ")";
    }

    private static String lower(String s) {
        return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
                ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
    }
}
