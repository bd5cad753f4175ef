package org.vanish.figure;

/**
 * The chart's size on the Lecture tab of a 1280×800 window, the README's smallest: the window's width less the run
 * controls (.controls-panel, 430 px) and the explanation column (.lecture-side, 380 px) and the padding; its height
 * less the menu bar, the tab headers, the demonstration bar and the status line.
 */
final class LectureSize {
    static final int WIDTH = 460;
    static final int HEIGHT = 640;
    /** The width when the run controls step aside (the cliff, counting): only the explanation column remains. */
    static final int WIDE = 880;

    private LectureSize() {
    }
}
