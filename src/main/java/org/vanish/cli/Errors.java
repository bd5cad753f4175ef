package org.vanish.cli;

import picocli.CommandLine;

/** Turns a failure into one line on stderr and exit code 2 (bad input) or 1 (anything else). */
final class Errors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        if (ex instanceof UserError || ex instanceof org.vanish.preset.PresetException) {
            cl.getErr().println("vanish: " + oneLine(ex.getMessage()));
            return 2;
        }
        if (ex instanceof org.vanish.files.WriteFailure) {
            cl.getErr().println("vanish: " + oneLine(ex.getMessage()));
            return 2;
        }
        if (ex instanceof org.vanish.engine.RunFailure) {
            cl.getErr().println("vanish: " + oneLine(ex.getMessage()));
            return 2;
        }
        if (isOutOfMemory(ex)) {
            cl.getErr().println(OUT_OF_MEMORY);
            return 1;
        }
        cl.getErr().println("vanish: internal error: " + ex);
        return 1;
    }

    /** The line for a run larger than the JVM's memory, however deep the pool that ran it wrapped the error. */
    static final String OUT_OF_MEMORY =
            "vanish: out of memory: the run is too large for this JVM (raise -Xmx or lower the sizes)";

    /** Whether e or one of its causes is an OutOfMemoryError (runs analysed on a pool arrive wrapped). */
    static boolean isOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {   // getCause() is null, never t, at the end
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** message on one line: line breaks and other control characters a preset's text may carry, escaped. */
    static String oneLine(String message) {
        if (message == null) {
            return "failed";
        }
        StringBuilder b = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** A mistake in what the user asked for; the message says what and how to fix it. */
    static final class UserError extends Exception {
        private static final long serialVersionUID = 1L;

        UserError(String message) {
            super(message);
        }
    }
}
