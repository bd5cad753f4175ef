package org.vanish.preset;

/** A preset that cannot be used; the message is one line naming the field, the value and what is allowed. */
public final class PresetException extends Exception {
    private static final long serialVersionUID = 1L;

    public PresetException(String message) {
        super(message);
    }
}
