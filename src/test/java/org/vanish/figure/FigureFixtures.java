package org.vanish.figure;

import java.util.List;
import org.vanish.engine.Analyzer;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.preset.PresetCodec;

/** Analysed runs from preset text, for figure tests. */
final class FigureFixtures {
    /** A relu rnn whose bias kills every unit (∂L/∂s_t = 0 for t &lt; T) beside a live lstm. */
    static final String DEAD_RELU = "{\"seed\": 5, \"steps\": 6, \"inputSize\": 2, \"hiddenSize\": 3, \"runs\": ["
            + "{\"cell\": \"rnn\", \"activation\": \"relu\", \"biases\": {\"b\": -50}}, {\"cell\": \"lstm\"}]}";

    /** All four cells, small enough to analyse in milliseconds. */
    static final String FOUR_CELLS = "{\"seed\": 7, \"steps\": 30, \"inputSize\": 3, \"hiddenSize\": 8, "
            + "\"scale\": 0.8, \"runs\": [{\"label\": \"rnn tanh\"}, {\"label\": \"additive\", \"cell\": \"additive\"}, "
            + "{\"label\": \"lstm\", \"cell\": \"lstm\", \"biases\": {\"b_f\": 1}}, {\"label\": \"gru\", \"cell\": \"gru\"}]}";

    private FigureFixtures() {
    }

    static List<RunResult> analyze(String presetJson, Quantities q) throws Exception {
        Analyzer analyzer = new Analyzer();
        return PresetCodec.parse(presetJson).toRunSpecs().stream().map(s -> analyzer.analyze(s, q)).toList();
    }
}
