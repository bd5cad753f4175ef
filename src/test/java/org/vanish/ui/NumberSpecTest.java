package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NumberSpecTest {
    private static final double EXACT = 1e-12;

    @Test
    void aTypedValueInRangeIsTakenWithEitherDecimalMark() {
        assertEquals(1.25, ControlsViewModel.SCALE.parse(" 1,25 "), EXACT);
        assertEquals(500, ControlsViewModel.STEPS.parse("500"), EXACT);
    }

    @Test
    void aBadValueIsRefusedWithAMessageNamingTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ControlsViewModel.STEPS.parse("20000"));
        assertEquals("sequence length T is a whole number from 1 to 10000; 20000 is out of range", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ControlsViewModel.STEPS.parse("2.5"))
                .getMessage().contains("not a whole number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ControlsViewModel.SCALE.parse("abc"))
                .getMessage().contains("\"abc\" is not a number"));
    }

    @Test
    void theLogarithmicSliderCoversOneToTenThousandInWholeSteps() {
        NumberSpec t = ControlsViewModel.STEPS;
        assertEquals(0, t.sliderMin(), EXACT);
        assertEquals(4, t.sliderMax(), EXACT);
        assertEquals(1, t.fromSlider(0), EXACT);
        assertEquals(10_000, t.fromSlider(4), EXACT);
        assertEquals(100, t.fromSlider(t.toSlider(100)), EXACT);
        assertEquals(32, t.fromSlider(1.5), EXACT);
    }
}
