package org.vanish.engine;

/**
 * A run that the engine cannot complete because of what it was asked (a state or gradient leaving the double
 * range); the message says which step and what to change. Anything else thrown by the engine is a bug.
 */
public final class RunFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunFailure(String message) {
        super(message);
    }

    public RunFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
