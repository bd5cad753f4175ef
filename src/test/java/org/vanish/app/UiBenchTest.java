package org.vanish.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UiBenchTest {
    @Test
    void theEngineTimeIsReadFromTheDashboardsStatusLine() {
        assertEquals(3.9, UiBench.computedMs("W scale 1.00   ·   T = 100   ·   4 runs   ·   computed in 3.9 ms"));
        assertEquals(1234.5, UiBench.computedMs("computed in 1234.5 ms"));
    }

    @Test
    void aStatusThatDoesNotSayItGivesNaN() {
        assertTrue(Double.isNaN(UiBench.computedMs("working…")));
        assertTrue(Double.isNaN(UiBench.computedMs(null)));
    }
}
