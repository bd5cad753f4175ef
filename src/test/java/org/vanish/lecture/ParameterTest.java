package org.vanish.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterTest {

    @Test
    void aChoiceNamesItsOptionsWhenAValueIsRefused() {
        Parameter phi = Parameter.choice("activation", "activation φ", List.of("first run's", "tanh", "relu"), 0, "h");
        assertTrue(phi.isChoice());
        assertFalse(phi.isFlag(), "a choice of two would otherwise look like a flag");
        assertNull(phi.problem(2));
        assertEquals("demo.activation: 3 is not one of the choices; allowed 0 (first run's), 1 (tanh), 2 (relu)",
                phi.problem(3));
        assertEquals("demo.activation: 1.5 is not one of the choices; allowed 0 (first run's), 1 (tanh), 2 (relu)",
                phi.problem(1.5));
    }

    @Test
    void aChoiceOfTwoIsNotAFlagAndNumbersAreNotChoices() {
        assertFalse(Parameter.choice("k", "k", List.of("a", "b"), 1, "h").isFlag());
        assertTrue(Parameter.flag("k", "k", true, "h").isFlag());
        assertFalse(Parameter.whole("k", "k", 0, 4, 0, "h").isChoice());
        assertThrows(IllegalArgumentException.class,
                () -> new Parameter("k", "k", 0, 5, 0, true, false, "h", List.of("a", "b")));
    }
}
