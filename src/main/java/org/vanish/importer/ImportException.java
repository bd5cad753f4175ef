package org.vanish.importer;

/** A model file or import option that cannot be imported; the message is one line saying what and how to fix it. */
public final class ImportException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
