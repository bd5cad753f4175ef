package org.vanish.engine;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * The outcome of one run: what was used (so anyone can recompute) and every quantity asked for.
 * Log10 series hold -∞ for an exact zero. For a stacked or bidirectional run the run-level fields are those of
 * layer 0 forward, except series.inputGradNorm, which is the model input's ‖∂L/∂x_t‖ through every layer.
 *
 * @param parameters the effective parameters (recurrent matrices already scaled), in report order.
 * @param trajectory the forward pass, for views that draw states or gates.
 * @param products null unless product norms or singular values were asked for.
 * @param spectra of every recurrent matrix by name; null unless asked for.
 * @param layers every layer and direction, in the order layer 0 forward, layer 0 backward, layer 1 forward, ...;
 *               one entry, made of the fields above, for a one-layer unidirectional run.
 */
public record RunResult(RunSpec spec, Map<String, DMatrixRMaj> parameters, Trajectory trajectory,
                        GradientFlow.Series series, JacobianProducts.Result products,
                        Map<String, Spectra.Spectrum> spectra, List<LayerRun> layers) {
    public RunResult {
        layers = List.copyOf(layers);
    }

    /** A one-layer unidirectional run. */
    public RunResult(RunSpec spec, Map<String, DMatrixRMaj> parameters, Trajectory trajectory,
                     GradientFlow.Series series, JacobianProducts.Result products,
                     Map<String, Spectra.Spectrum> spectra) {
        this(spec, parameters, trajectory, series, products, spectra,
                List.of(new LayerRun(0, false, parameters, trajectory, series, products, spectra)));
    }
}
