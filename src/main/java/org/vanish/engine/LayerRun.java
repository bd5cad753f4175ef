package org.vanish.engine;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * One layer in one direction of an analysed run; every series in that direction's processing order (index 0 its
 * initial state, T its state after its last input: for the backward direction, after reading x_1).
 *
 * @param parameters its effective parameters (recurrent matrices already scaled)
 * @param series ‖∂L/∂s_τ‖ through every path (and its h and c parts for the LSTM)
 * @param products ‖∂s_T/∂s_τ‖₂ along its own recurrence, its inputs held fixed; null unless asked for
 * @param spectra of its recurrent matrices by name; null unless asked for
 */
public record LayerRun(int layer, boolean backward, Map<String, DMatrixRMaj> parameters, Trajectory trajectory,
                       GradientFlow.Series series, JacobianProducts.Result products,
                       Map<String, Spectra.Spectrum> spectra) {
    /** "forward" or "backward", as reports write it. */
    public String direction() {
        return backward ? "backward" : "forward";
    }
}
