package org.vanish.lecture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.ejml.data.DMatrixRMaj;
import org.vanish.engine.Activation;
import org.vanish.engine.Cell;
import org.vanish.engine.CellType;
import org.vanish.engine.InitScheme;
import org.vanish.engine.Initializer;
import org.vanish.engine.RunSpec;
import org.vanish.engine.Trajectory;

/**
 * Counting aⁿbⁿ with one hand-set unit of the engine's own LSTM and GRU (Weiss, Goldberg &amp; Yahav 2018; seeds
 * 000 and 002: "LSTMs can store unboundedly large values in memory, and seem to e.g. count better"). The input is
 * one-hot, x = (1, 0) for a and (0, 1) for b; every recurrent weight is 0, so the unit sees only its input.
 * <ul>
 * <li>LSTM: b_f = b_i = b_o = β, U_c = (β, −β), the rest 0. Then f = i = σ(β) and c̃ = ±tanh β, so
 *     c_t = f·c_{t−1} ± i·tanh β: c rises by ≈ 1 per a and falls by ≈ 1 per b, without bound. After aᵏ,
 *     c = g(1 − fᵏ)/(1 − f) with g = i·tanh β, and after aⁿbⁿ c = −g(1 − fⁿ)²/(1 − f): the forget gate's leak
 *     1 − f = σ(−β) is what finally stops it. For β ≥ 37, σ(β) rounds to 1 in double, the leak is exactly 0 and
 *     c counts in exact integers.</li>
 * <li>GRU (Cho's form): b_u = the update bias, U_h = (β, −β), the rest 0. Then h_t = (1 − u)h_{t−1} ± u·tanh β, a
 *     convex combination of h_{t−1} and a candidate in (−1, 1): h never leaves (−1, 1) and saturates. It is the
 *     LSTM with the input gate tied to 1 − f, so after aⁿbⁿ h = −tanh β·(1 − (1 − u)ⁿ)²: keeping (u small) and
 *     writing (u large) pull against each other.</li>
 * </ul>
 * <b>The criterion.</b> A cell counts aⁿbⁿ correctly at resolution δ if its counting state s (c for the LSTM, h for
 * the GRU) satisfies, with s_0 = 0: every a raises s by more than δ (s_k − s_{k−1} &gt; δ, k = 1..n), every b
 * lowers it by more than δ (k = n+1..2n), and aⁿbⁿ ends within δ/2 of the start (|s_{2n} − s_0| &lt; δ/2). Then
 * the readout "accept iff |s − s_0| &lt; δ/2" accepts aⁿbⁿ and no non-empty proper prefix of it (each such
 * prefix ends above s_0 + δ/2), and a readout can tell aᵏ from aᵏ⁺¹ with margin δ. A state bounded in (−1, 1)
 * can rise by more than δ at most 1/δ times, so the GRU can never count past 1/δ; the LSTM's state is unbounded.
 * {@link Counter#countsTo} is the largest N ≤ nMax such that every n ≤ N is counted correctly.
 */
public final class Counting {
    /** The counting state: c (index 1 of s = [h; c]) for the LSTM, h (index 0) for the GRU. */
    private static final Map<CellType, Integer> COUNTER = Map.of(CellType.LSTM, 1, CellType.GRU, 0);

    private Counting() {
    }

    /** What fails first on aⁿbⁿ: an a that rises too little, a b that falls too little, or the end. */
    public enum Fault { RISE, FALL, END }

    /**
     * The first violation of the criterion on aⁿbⁿ.
     * @param step  the time step t = 1..2n at which it shows (2n for {@link Fault#END})
     * @param value the rise s_t − s_{t−1} (RISE), the fall s_{t−1} − s_t (FALL) or the offset s_{2n} − s_0 (END)
     */
    public record Failure(int n, int step, Fault fault, double value) {
    }

    /**
     * One cell's count.
     * @param shown        s_0..s_{2n} for the shown n
     * @param shownFailure the criterion's first violation for the shown n, or null if it is counted correctly
     * @param countsTo     the largest N ≤ nMax with every n ≤ N counted correctly (0 if n = 1 already fails)
     * @param firstFailure the failure at n = countsTo + 1, or null if every n ≤ nMax is counted
     * @param keep         what multiplies s_{t−1}: f for the LSTM, 1 − u for the GRU, as the engine computed it
     * @param write        what an a adds: i·c̃ for the LSTM, u·h̃ for the GRU
     */
    public record Counter(CellType cell, double[] shown, Failure shownFailure, int countsTo, Failure firstFailure,
                          double keep, double write) {
    }

    /** Both cells on aⁿbⁿ for the shown n and for every n ≤ nMax. */
    public record Result(int shown, int nMax, double gateBias, double gruUpdateBias, double resolution,
                         Counter lstm, Counter gru) {
        /**
         * The same counts with another n shown: O(n) instead of the O(nMax²) of the counts, so that moving the
         * shown n answers at once.
         */
        public Result withShown(int n) {
            return new Result(n, nMax, gateBias, gruUpdateBias, resolution, reshown(lstm, n), reshown(gru, n));
        }

        private Counter reshown(Counter c, int n) {
            double[] s = Machine.of(c.cell(), gateBias, gruUpdateBias, n).states(n);
            return new Counter(c.cell(), s, check(s, n, resolution), c.countsTo(), c.firstFailure(), c.keep(),
                    c.write());
        }
    }

    /**
     * Runs both cells.
     * @param gateBias   β: the LSTM's b_f, b_i, b_o and the candidates' input weight
     * @param resolution δ of the criterion (class comment)
     * @param cancelled  polled once per n; once true the counts found so far are returned
     */
    public static Result run(int shown, int nMax, double gateBias, double gruUpdateBias, double resolution,
                             BooleanSupplier cancelled) {
        Counter lstm = count(CellType.LSTM, shown, nMax, gateBias, gruUpdateBias, resolution, cancelled);
        Counter gru = count(CellType.GRU, shown, nMax, gateBias, gruUpdateBias, resolution, cancelled);
        return new Result(shown, nMax, gateBias, gruUpdateBias, resolution, lstm, gru);
    }

    private static Counter count(CellType type, int shown, int nMax, double beta, double updateBias,
                                 double resolution, BooleanSupplier cancelled) {
        Machine m = Machine.of(type, beta, updateBias, Math.max(shown, nMax));
        int countsTo = 0;
        Failure first = null;
        for (int n = 1; n <= nMax && !cancelled.getAsBoolean(); n++) {
            first = check(m.states(n), n, resolution);
            if (first != null) {
                break;
            }
            countsTo = n;
        }
        double[] shownStates = m.states(shown);
        return new Counter(type, shownStates, check(shownStates, shown, resolution), countsTo, first, m.keep(),
                m.write());
    }

    /**
     * One cell with the a's run once, up to the longest n needed.
     * @param as     the trajectory of a^length from s_0 = 0
     * @param driveB the drive of b^length
     * @param unit   the index of the counting state in s
     */
    private record Machine(CellType type, Cell cell, Trajectory as, double[] driveB, int unit) {
        static Machine of(CellType type, double beta, double updateBias, int length) {
            RunSpec spec = spec(type, beta, updateBias, length);
            Cell cell = Cell.create(type, Activation.TANH, Initializer.draw(spec));
            Trajectory as = cell.forward(cell.drive(spec.inputs(), length), length, spec.initialState());
            return new Machine(type, cell, as, cell.drive(oneHot(length, 1), length), COUNTER.get(type));
        }

        /** s_0..s_{2n} of the counting unit on aⁿbⁿ: the a's from the shared trajectory, the b's from s after aⁿ. */
        double[] states(int n) {
            double[] s = new double[2 * n + 1];
            for (int t = 0; t <= n; t++) {
                s[t] = as.state(t)[unit];
            }
            Trajectory bs = cell.forward(driveB, n, as.state(n));
            for (int t = 1; t <= n; t++) {
                s[n + t] = bs.state(t)[unit];
            }
            return s;
        }

        /** f for the LSTM, 1 − u for the GRU, at the first a. */
        double keep() {
            return type == CellType.LSTM ? as.gate(1, 0, 0) : 1 - as.gate(1, 0, 0);
        }

        /** i·c̃ for the LSTM, u·h̃ for the GRU, at the first a. */
        double write() {
            return type == CellType.LSTM ? as.gate(1, 1, 0) * as.gate(1, 3, 0) : as.gate(1, 0, 0) * as.gate(1, 2, 0);
        }
    }

    /** The first violation of the criterion by s_0..s_{2n}, or null. */
    static Failure check(double[] s, int n, double resolution) {
        for (int t = 1; t <= 2 * n; t++) {
            double change = t <= n ? s[t] - s[t - 1] : s[t - 1] - s[t];
            if (!(change > resolution)) {
                return new Failure(n, t, t <= n ? Fault.RISE : Fault.FALL, change);
            }
        }
        double end = s[2 * n] - s[0];
        return Math.abs(end) < resolution / 2 ? null : new Failure(n, 2 * n, Fault.END, end);
    }

    /** The run spec with every parameter explicit and the input a^steps. */
    static RunSpec spec(CellType type, double beta, double updateBias, int steps) {
        Map<String, DMatrixRMaj> p = new LinkedHashMap<>();
        for (int g = 0; g < type.gateCount(); g++) {
            p.put(type.recurrentNames().get(g), new DMatrixRMaj(1, 1));
            p.put(type.inputNames().get(g), new DMatrixRMaj(1, 2));
            p.put(type.biasNames().get(g), new DMatrixRMaj(1, 1));
        }
        DMatrixRMaj candidate = new DMatrixRMaj(new double[][] {{beta, -beta}});
        if (type == CellType.LSTM) {
            for (String gate : List.of("b_f", "b_i", "b_o")) {
                p.put(gate, new DMatrixRMaj(new double[][] {{beta}}));
            }
            p.put("U_c", candidate);
        } else {
            p.put("b_u", new DMatrixRMaj(new double[][] {{updateBias}}));
            p.put("U_h", candidate);
        }
        return new RunSpec(type.id() + " counter", type, Activation.TANH, 1, 2, steps, 0, InitScheme.GAUSSIAN, 1, 1,
                Map.of(), false, steps, p, oneHot(steps, 0), new double[type.stateSize(1)], new double[] {1});
    }

    /** steps copies of the one-hot symbol (0: a, 1: b), steps × 2 row-major. */
    private static double[] oneHot(int steps, int symbol) {
        double[] x = new double[2 * steps];
        for (int t = 0; t < steps; t++) {
            x[2 * t + symbol] = 1;
        }
        return x;
    }
}
