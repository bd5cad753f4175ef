package org.vanish.ui;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Undo and redo of states. Changes of the same kind in quick succession (the positions of one slider drag)
 * make one step, so Ctrl+Z undoes a drag, not its last pixel.
 */
final class UndoHistory<T> {
    static final int LIMIT = 200;
    static final long COALESCE_NANOS = 700_000_000L;

    private final Deque<T> undo = new ArrayDeque<>();
    private final Deque<T> redo = new ArrayDeque<>();
    private final LongSupplier clock;
    private String lastKind;
    private long lastTime;

    UndoHistory() {
        this(System::nanoTime);
    }

    UndoHistory(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * Remembers before, the state a change is leaving.
     * @param kind changes of one non-null kind within {@link #COALESCE_NANOS} of each other make one step
     */
    void record(T before, String kind) {
        if (before == null) {
            return;
        }
        long now = clock.getAsLong();
        boolean sameGesture = kind != null && kind.equals(lastKind) && now - lastTime < COALESCE_NANOS;
        lastKind = kind;
        lastTime = now;
        redo.clear();
        if (sameGesture) {
            return;
        }
        undo.push(before);
        if (undo.size() > LIMIT) {
            undo.removeLast();
        }
    }

    /** The state to go back to from current, or null. */
    T undo(T current) {
        if (undo.isEmpty()) {
            return null;
        }
        redo.push(current);
        lastKind = null;
        return undo.pop();
    }

    /** The state to go forward to from current, or null. */
    T redo(T current) {
        if (redo.isEmpty()) {
            return null;
        }
        undo.push(current);
        lastKind = null;
        return redo.pop();
    }

    void clear() {
        undo.clear();
        redo.clear();
        lastKind = null;
    }
}
