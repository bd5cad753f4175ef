package org.vanish.engine;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * The outcome of one run: what was used (so anyone can recompute) and every quantity asked for.
 * Log10 series hold -∞ for an exact zero.
 *
 * @param parameters the effective parameters (recurrent matrices already scaled), in report order.
 * @param trajectory the forward pass, for views that draw states or gates.
 * @param products null unless product norms or singular values were asked for.
 * @param spectra of every recurrent matrix by name; null unless asked for.
 */
public record RunResult(RunSpec spec, Map<String, DMatrixRMaj> parameters, Trajectory trajectory,
                        GradientFlow.Series series, JacobianProducts.Result products,
                        Map<String, Spectra.Spectrum> spectra) {
}
