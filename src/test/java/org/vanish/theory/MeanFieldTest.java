package org.vanish.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vanish.engine.Activation;
import org.vanish.engine.Analyzer;
import org.vanish.engine.Quantities;
import org.vanish.engine.RunResult;
import org.vanish.preset.Preset;
import org.vanish.preset.PresetCodec;

class MeanFieldTest {
    @Test
    void linearNetworkHasChiEqualToTheGainSquaredAndAGeometricFixedPoint() {
        MeanField.Result r = MeanField.of(Activation.LINEAR, 0.8, 0.1, 0.3);
        assertEquals(0.64, r.chi(), 1e-12);
        assertEquals(0.4 / (1 - 0.64), r.qStar(), 1e-10);
    }

    @Test
    void reluHalvesTheGainSquared() {
        assertEquals(1.5 * 1.5 / 2, MeanField.of(Activation.RELU, 1.5, 0.2, 0.0).chi(), 1e-12);
    }

    @Test
    void tanhWithoutBiasOrInputSitsAtTheEdgeOfChaosAtGainOne() {
        // q* = 0 for σ_w < 1, where tanh'(0) = 1 makes χ = σ_w² (Poole et al. 2016)
        MeanField.Result ordered = MeanField.of(Activation.TANH, 0.8, 0.0, 0.0);
        assertEquals(0.0, ordered.qStar(), 1e-10);
        assertEquals(0.64, ordered.chi(), 1e-9);
        // above 1, q* > 0 and saturation pulls χ back towards 1 from above
        MeanField.Result chaotic = MeanField.of(Activation.TANH, 1.5, 0.0, 0.0);
        assertEquals(true, chaotic.qStar() > 0.1 && chaotic.chi() > 1.0 && chaotic.chi() < 1.5 * 1.5);
    }

    @Test
    void predictedSlopeMatchesAWideRandomNetwork() throws Exception {
        // n = 400, inputs N(0, 0.5²) through U ~ N(0, 1/m): the input adds variance 0.25 to each pre-activation
        for (double gain : new double[] {0.8, 1.2, 1.6}) {
            Preset p = PresetCodec.parse("{\"seed\": 3, \"steps\": 120, \"inputSize\": 32, \"hiddenSize\": 400,"
                    + "\"gain\": " + gain + ", \"inputs\": {\"kind\": \"noise\", \"scale\": 0.5},"
                    + "\"runs\": [{\"cell\": \"rnn\", \"activation\": \"tanh\"}]}");
            RunResult r = new Analyzer().analyze(p.toRunSpecs().get(0), Quantities.LIVE);
            double measured = (r.series().gradNorm[20] - r.series().gradNorm[100]) / 80.0;
            double predicted = MeanField.of(Activation.TANH, gain, 0.0, 0.25).log10SlopePerStep();
            if (gain < 1.5) {
                assertEquals(predicted, measured, 0.1 * Math.abs(predicted) + 0.003, "gain " + gain);
            } else {
                // in the chaotic phase ½ log10 χ is the growth of the mean squared norm, and by Jensen's
                // inequality an upper bound on the typical (log) growth that one network shows
                assertEquals(true, measured <= predicted + 0.003 && predicted > 0, "gain " + gain + ": measured "
                        + measured + ", mean field " + predicted);
            }
        }
    }
}
