package org.vanish.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PyTorch recurrent module's weights in the engine's names and conventions, exactly (sums of the two bias vectors
 * are taken in double from the stored values):
 * <ul>
 * <li>nn.RNN: W_h = weight_hh, W_x = weight_ih, b = bias_ih + bias_hh.</li>
 * <li>nn.LSTM (rows i, f, g, o): W_f = W_hf, U_f = W_if, b_f = b_if + b_hf, likewise i, o, and c from g.</li>
 * <li>nn.GRU (rows r, z, n), the engine's "pytorch" GRU variant with u = 1 − z: W_u = −W_hz, U_u = −W_iz,
 * b_u = −(b_iz + b_hz); W_r = W_hr, U_r = W_ir, b_r = b_ir + b_hr; W_h = W_hn, U_h = W_in, b_h = b_in,
 * b_hn = b_hn.</li>
 * </ul>
 */
public final class EngineParameters {
    private EngineParameters() {
    }

    /**
     * One map per layer and direction, in the order layer 0 forward, layer 0 backward, layer 1 forward, ...; a map
     * holds matrices as double[][] (rows) and bias vectors as double[].
     */
    public static List<Map<String, Object>> convert(RecurrentModule module) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int l = 0; l < module.layers(); l++) {
            for (int d = 0; d < module.directions(); d++) {
                out.add(convert(module, l, d == 1));
            }
        }
        return out;
    }

    private static Map<String, Object> convert(RecurrentModule mod, int layer, boolean reverse) {
        int n = mod.hiddenSize();
        Tensor wih = mod.get("weight_ih", layer, reverse);
        Tensor whh = mod.get("weight_hh", layer, reverse);
        Tensor bih = mod.hasBias() ? mod.get("bias_ih", layer, reverse) : null;
        Tensor bhh = mod.hasBias() ? mod.get("bias_hh", layer, reverse) : null;
        Map<String, Object> p = new LinkedHashMap<>();
        switch (mod.kind()) {
            case RNN:
                p.put("W_h", whh.rows(0, n));
                p.put("W_x", wih.rows(0, n));
                p.put("b", sum(bih, bhh, 0, n, 1));
                break;
            case LSTM: {
                // PyTorch's row blocks: 0 = i, 1 = f, 2 = g (the candidate, c here), 3 = o
                String[] gates = {"f", "i", "o", "c"};
                int[] block = {1, 0, 3, 2};
                for (int k = 0; k < 4; k++) {
                    p.put("W_" + gates[k], whh.rows(block[k] * n, n));
                    p.put("U_" + gates[k], wih.rows(block[k] * n, n));
                    p.put("b_" + gates[k], sum(bih, bhh, block[k] * n, n, 1));
                }
                break;
            }
            default: {
                // PyTorch's row blocks: 0 = r, 1 = z, 2 = n
                p.put("W_u", negate(whh.rows(n, n)));
                p.put("U_u", negate(wih.rows(n, n)));
                p.put("b_u", sum(bih, bhh, n, n, -1));
                p.put("W_r", whh.rows(0, n));
                p.put("U_r", wih.rows(0, n));
                p.put("b_r", sum(bih, bhh, 0, n, 1));
                p.put("W_h", whh.rows(2 * n, n));
                p.put("U_h", wih.rows(2 * n, n));
                p.put("b_h", bih == null ? new double[n] : bih.slice(2 * n, n));
                p.put("b_hn", bhh == null ? new double[n] : bhh.slice(2 * n, n));
                break;
            }
        }
        return p;
    }

    /** sign · (a[from..from+n) + b[from..from+n)), zeros for a module without biases. */
    private static double[] sum(Tensor a, Tensor b, int from, int n, int sign) {
        double[] out = new double[n];
        if (a == null) {
            return out;
        }
        for (int i = 0; i < n; i++) {
            out[i] = sign * (a.data()[from + i] + b.data()[from + i]);
        }
        return out;
    }

    private static double[][] negate(double[][] m) {
        for (double[] row : m) {
            for (int j = 0; j < row.length; j++) {
                row[j] = -row[j];
            }
        }
        return m;
    }
}
