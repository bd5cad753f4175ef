package org.vanish.train;

import java.util.Arrays;
import org.vanish.engine.Activation;
import org.vanish.engine.CellType;
import org.vanish.engine.DenseKernels;
import org.vanish.engine.Elementary;

/**
 * Batched forward pass and backpropagation through time for the engine's four cells (the equations of PRODUCT.md,
 * as in engine/RnnCell, LstmCell, GruCell) followed by a linear readout z_t = V h_t + c, with the gradient of
 * every parameter.
 * <p>
 * Each example of a minibatch runs its whole forward and backward sweep on its own (row b of every step), so the
 * recurrent products of a step over the batch are the matrix product H_{t-1} Wᵀ done as row combinations of Wᵀ
 * (DenseKernels, which vectorise). The weight gradients are formed afterwards as one product over all steps and
 * examples, dWᵀ = H_prevᵀ Δ with H_prev (S·B × n) and Δ (S·B × G·n), summed in a fixed order, so results do not depend
 * on how examples are split between threads. Per example the backward sweep carries ∂ℓ_b/∂s_t for that example's own
 * loss ℓ_b; the gradients of L = (1/B) Σ ℓ_b are scaled by 1/B at the end.
 * <p>
 * The GRU's candidate reads r∘h_{t-1}, so its W_h block takes its gradient from those rows and is kept as a
 * separate block of Δ. PyTorch's GRU (engine/PytorchGruCell: h̃ = tanh(U_h x + b_h + r∘(W_h h + b_hn))) forms all
 * three recurrent products from h_{t-1} at once; its W_h and b_hn take their gradient from δ_q = δ_h̃∘r, kept as that
 * separate block. Not thread-safe except for {@link #run} on disjoint example ranges of one {@link Pass}.
 */
final class Network {
    /** What the network is trained to do: the loss of one example at one step from the readout z. */
    interface Objective {
        /** Whether example b has an output at step t = 1..S. */
        boolean hasOutput(int b, int t);

        /** Example b's loss term at step t (its share of ℓ_b); writes ∂(term)/∂z into dz. */
        double loss(int b, int t, double[] z, double[] dz);

        /** 1 if the prediction at step t counts for accuracy and is right, 0 if it counts and is wrong, else -1. */
        int correct(int b, int t, double[] z);
    }

    /** Rows of Δ per block of the weight-gradient product: 128 rows of G·n ≤ 2048 doubles stay in L2. */
    private static final int CHUNK = 128;
    private static final int LSTM_WIDTH = 10;
    private static final int GRU_WIDTH = 7;

    final CellType type;
    final Activation phi;
    final int n;
    final int m;
    final int gn;
    final int k;
    final Params theta;
    /** Whether the cell is PyTorch's GRU (theta has b_hn). */
    final boolean torchGru;
    /** Wᵀ as n rows of G·n, Uᵀ as m rows of G·n; for the GRU the rows of W_h (shared with theta) and W_hᵀ. */
    private final double[][] wT;
    private final double[][] uT;
    private final double[][] whRows;
    private final double[][] whT;

    Network(Params theta, Activation phi) {
        this.type = theta.type;
        this.phi = phi;
        this.theta = theta;
        this.n = theta.n;
        this.m = theta.m;
        this.k = theta.k;
        this.gn = type.gateCount() * n;
        this.torchGru = theta.pytorchGru();
        wT = new double[n][gn];
        uT = new double[m][gn];
        whRows = type == CellType.GRU && !torchGru ? Arrays.copyOfRange(theta.w, 2 * n, 3 * n) : null;
        whT = type == CellType.GRU && !torchGru ? new double[n][n] : null;
        refresh();
    }

    /** Values per hidden unit that one step keeps for the backward sweep. */
    static int cacheWidth(CellType type) {
        return type == CellType.LSTM ? LSTM_WIDTH : type == CellType.GRU ? GRU_WIDTH : 1;
    }

    /** Re-forms the transposes after theta changed. */
    void refresh() {
        for (int j = 0; j < gn; j++) {
            double[] wj = theta.w[j];
            for (int i = 0; i < n; i++) {
                wT[i][j] = wj[i];
            }
            double[] uj = theta.u[j];
            for (int i = 0; i < m; i++) {
                uT[i][j] = uj[i];
            }
        }
        if (whT != null) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    whT[i][j] = whRows[j][i];
                }
            }
        }
    }

    /** The stored forward pass of one minibatch of B sequences of S steps, and its backward products. */
    final class Pass {
        final int steps;
        final int batch;
        /** Inputs of each example, S×m row-major (shared, not copied). */
        final double[][] x;
        /** h_t of example b at row t·B + b, t = 0..S; c_t likewise for the LSTM. */
        final double[][] h;
        final double[][] c;
        /** Step t's cache of example b at row (t-1)·B + b. */
        final double[][] cache;
        /** GRU: r∘h_{t-1} at row (t-1)·B + b. */
        final double[][] rh;
        /** δ = ∂ℓ_b/∂(pre-activation) at row (t-1)·B + b: all G·n gates (for the GRU only u, r; the candidate in deltaH). */
        final double[][] delta;
        final double[][] deltaH;
        /** dzT[j][(t-1)·B + b] = ∂ℓ_b/∂z_j at step t (0 where there is no output). */
        final double[][] dzT;
        /** Per example: its loss ℓ_b, its scored and right predictions. */
        final double[] loss;
        final int[] scored;
        final int[] right;
        /** ‖∂ℓ_b/∂s_t‖ at [t·B + b]. */
        final double[] gradNorm;
        /** Scratch of {@link #gradient}: H_prevᵀ, (r∘H_prev)ᵀ, dWᵀ (the GRU's W_h block apart), dUᵀ. */
        private final double[][] hT;
        private final double[][] rhT;
        private final double[][] dwT;
        private final double[][] dwhT;
        private final double[][] duT;

        Pass(int steps, int batch) {
            this.steps = steps;
            this.batch = batch;
            int rows = steps * batch;
            x = new double[batch][];
            h = new double[(steps + 1) * batch][n];
            c = type.hasCellState() ? new double[(steps + 1) * batch][n] : null;
            cache = new double[rows][(cacheWidth(type) + (torchGru ? 1 : 0)) * n];
            rh = type == CellType.GRU && !torchGru ? new double[rows][n] : null;
            delta = new double[rows][type == CellType.GRU && !torchGru ? 2 * n : gn];
            deltaH = type == CellType.GRU ? new double[rows][n] : null;
            dzT = new double[k][rows];
            loss = new double[batch];
            scored = new int[batch];
            right = new int[batch];
            gradNorm = new double[(steps + 1) * batch];
            hT = new double[n][rows];
            rhT = rh != null ? new double[n][rows] : null;
            dwT = new double[n][type == CellType.GRU ? 2 * n : gn];
            dwhT = type == CellType.GRU ? new double[n][n] : null;
            duT = new double[m][gn];
        }

        /**
         * Runs examples b0..b1-1: forward from h_0 = 0 (c_0 = 0), the objective's loss, and if backward, the sweep
         * that fills delta, dzT and gradNorm. Examples are independent, so disjoint ranges may run in parallel.
         */
        void run(int b0, int b1, Objective objective, boolean backward) {
            Lane l = new Lane();
            for (int b = b0; b < b1; b++) {
                l.b = b;
                forward(l);
                loss[b] = 0.0;
                scored[b] = 0;
                right[b] = 0;
                if (backward) {
                    backward(l, objective);
                } else {
                    for (int t = 1; t <= steps; t++) {
                        output(b, t, objective, l.z, l.dz, null);
                    }
                }
            }
        }

        private void forward(Lane l) {
            Arrays.fill(h[l.b], 0.0);
            if (c != null) {
                Arrays.fill(c[l.b], 0.0);
            }
            for (int t = 1; t <= steps; t++) {
                int prev = (t - 1) * batch + l.b;
                int cur = t * batch + l.b;
                drive(l.b, t, l.a);
                switch (type) {
                    case LSTM:
                        DenseKernels.addRowCombination(wT, n, h[prev], 0, l.a, gn);
                        lstmStep(l.a, cache[prev], c[prev], c[cur], h[cur]);
                        break;
                    case GRU:
                        if (torchGru) {
                            Arrays.fill(l.rec, 0.0);
                            DenseKernels.addRowCombination(wT, n, h[prev], 0, l.rec, gn);
                            torchGruStep(l.a, l.rec, cache[prev], h[prev], h[cur]);
                            break;
                        }
                        DenseKernels.addRowCombination(wT, n, h[prev], 0, l.a, 2 * n);
                        gruGates(l.a, l.ah, cache[prev], h[prev], rh[prev]);
                        DenseKernels.addRowCombination(whT, n, rh[prev], 0, l.ah, n);
                        gruCandidate(l.ah, cache[prev], h[prev], h[cur]);
                        break;
                    default:
                        DenseKernels.addRowCombination(wT, n, h[prev], 0, l.a, gn);
                        rnnStep(l.a, l.pair, cache[prev], h[prev], h[cur]);
                }
            }
        }

        /** a = b + U x_t for example b (the input is sparse: one-hot or a marker). */
        private void drive(int b, int t, double[] a) {
            double[] xb = x[b];
            System.arraycopy(theta.b, 0, a, 0, gn);
            for (int i = 0; i < m; i++) {
                double xi = xb[(t - 1) * m + i];
                if (xi != 0.0) {
                    double[] ui = uT[i];
                    for (int j = 0; j < gn; j++) {
                        a[j] += xi * ui[j];
                    }
                }
            }
        }

        private void rnnStep(double[] a, double[] pair, double[] q, double[] hp, double[] hc) {
            boolean additive = type == CellType.ADDITIVE;
            for (int i = 0; i < n; i++) {
                double y;
                if (phi == Activation.TANH) {
                    Elementary.tanhInto(a[i], pair, 0, 1);
                    y = pair[0];
                    q[i] = pair[1];
                } else if (phi == Activation.SIGMOID) {
                    Elementary.sigmoidInto(a[i], pair, 0, 1, -1);
                    y = pair[0];
                    q[i] = pair[1];
                } else {
                    y = phi.value(a[i]);
                    q[i] = phi.derivative(a[i]);
                }
                hc[i] = additive ? hp[i] + y : y;
            }
        }

        // LSTM cache blocks: f, i, o, c̃, tanh c_t, then σ'(a_f), σ'(a_i), σ'(a_o), tanh'(a_c), tanh'(c_t)
        private void lstmStep(double[] a, double[] q, double[] cp, double[] cc, double[] hc) {
            for (int i = 0; i < n; i++) {
                Elementary.sigmoidInto(a[i], q, i, 5 * n + i, -1);
                Elementary.sigmoidInto(a[n + i], q, n + i, 6 * n + i, -1);
                Elementary.sigmoidInto(a[2 * n + i], q, 2 * n + i, 7 * n + i, -1);
                Elementary.tanhInto(a[3 * n + i], q, 3 * n + i, 8 * n + i);
                double ct = q[i] * cp[i] + q[n + i] * q[3 * n + i];
                cc[i] = ct;
                Elementary.tanhInto(ct, q, 4 * n + i, 9 * n + i);
                hc[i] = q[2 * n + i] * q[4 * n + i];
            }
        }

        // GRU cache blocks: u, r, h̃, σ'(a_u), σ'(a_r), tanh'(a_h), 1 − u
        private void gruGates(double[] a, double[] ah, double[] q, double[] hp, double[] rhp) {
            for (int i = 0; i < n; i++) {
                Elementary.sigmoidInto(a[i], q, i, 3 * n + i, 6 * n + i);
                Elementary.sigmoidInto(a[n + i], q, n + i, 4 * n + i, -1);
                rhp[i] = q[n + i] * hp[i];
            }
            System.arraycopy(a, 2 * n, ah, 0, n);
        }

        // PyTorch's GRU: the GRU's seven blocks, then q = W_h h_{t-1} + b_hn
        private void torchGruStep(double[] a, double[] rec, double[] q, double[] hp, double[] hc) {
            for (int i = 0; i < n; i++) {
                Elementary.sigmoidInto(a[i] + rec[i], q, i, 3 * n + i, 6 * n + i);
                Elementary.sigmoidInto(a[n + i] + rec[n + i], q, n + i, 4 * n + i, -1);
                double qi = rec[2 * n + i] + theta.bhn[i];
                q[7 * n + i] = qi;
                Elementary.tanhInto(a[2 * n + i] + q[n + i] * qi, q, 2 * n + i, 5 * n + i);
                hc[i] = q[6 * n + i] * hp[i] + q[i] * q[2 * n + i];
            }
        }

        /** After ah += W_h (r∘h_{t-1}): h̃ and h_t. */
        private void gruCandidate(double[] ah, double[] q, double[] hp, double[] hc) {
            for (int i = 0; i < n; i++) {
                Elementary.tanhInto(ah[i], q, 2 * n + i, 5 * n + i);
                hc[i] = q[6 * n + i] * hp[i] + q[i] * q[2 * n + i];
            }
        }

        /** z = V h + c. */
        private void readout(double[] hv, double[] z) {
            for (int j = 0; j < k; j++) {
                double[] vj = theta.v[j];
                double s = theta.c[j];
                for (int i = 0; i < n; i++) {
                    s += vj[i] * hv[i];
                }
                z[j] = s;
            }
        }

        /** The objective's terms at step t of example b; if gh is given, adds Vᵀ ∂ℓ/∂z to it and records dz. */
        private void output(int b, int t, Objective objective, double[] z, double[] dz, double[] gh) {
            int row = (t - 1) * batch + b;
            if (!objective.hasOutput(b, t)) {
                if (gh != null) {
                    for (int j = 0; j < k; j++) {
                        dzT[j][row] = 0.0;
                    }
                }
                return;
            }
            readout(h[t * batch + b], z);
            loss[b] += objective.loss(b, t, z, dz);
            int ok = objective.correct(b, t, z);
            if (ok >= 0) {
                scored[b]++;
                right[b] += ok;
            }
            if (gh != null) {
                for (int j = 0; j < k; j++) {
                    dzT[j][row] = dz[j];
                    double dj = dz[j];
                    double[] vj = theta.v[j];
                    for (int i = 0; i < n; i++) {
                        gh[i] += dj * vj[i];
                    }
                }
            }
        }

        /** The backward sweep of example l.b, carrying ∂ℓ_b/∂h_t in l.gh and ∂ℓ_b/∂c_t in l.gc. */
        private void backward(Lane l, Objective objective) {
            Arrays.fill(l.gh, 0.0);
            Arrays.fill(l.gc, 0.0);
            for (int t = steps; t >= 1; t--) {
                output(l.b, t, objective, l.z, l.dz, l.gh);
                gradNorm[t * batch + l.b] = stateNorm(l.gh, l.gc);
                int row = (t - 1) * batch + l.b;
                switch (type) {
                    case LSTM:
                        lstmDelta(cache[row], c[row], l.gh, l.gc, l.gcp, delta[row]);
                        Arrays.fill(l.ghp, 0.0);
                        DenseKernels.addRowCombination(theta.w, gn, delta[row], 0, l.ghp, n);
                        break;
                    case GRU:
                        if (torchGru) {
                            torchGruDelta(cache[row], h[row], l.gh, l.ghp, delta[row], deltaH[row]);
                            DenseKernels.addRowCombination(theta.w, 2 * n, delta[row], 0, l.ghp, n);
                            DenseKernels.addRowCombination(theta.w, 2 * n, n, deltaH[row], 0, l.ghp, n);
                            break;
                        }
                        gruDelta(cache[row], h[row], l.gh, delta[row], deltaH[row]);
                        // ghp first holds W_hᵀ δ_h = ∂ℓ/∂(r∘h_{t-1})
                        Arrays.fill(l.ghp, 0.0);
                        DenseKernels.addRowCombination(whRows, n, deltaH[row], 0, l.ghp, n);
                        gruReset(cache[row], h[row], l.gh, l.ghp, delta[row]);
                        DenseKernels.addRowCombination(theta.w, 2 * n, delta[row], 0, l.ghp, n);
                        break;
                    default:
                        rnnDelta(cache[row], l.gh, delta[row]);
                        if (type == CellType.ADDITIVE) {
                            System.arraycopy(l.gh, 0, l.ghp, 0, n);
                        } else {
                            Arrays.fill(l.ghp, 0.0);
                        }
                        DenseKernels.addRowCombination(theta.w, gn, delta[row], 0, l.ghp, n);
                }
                l.swap();
            }
            gradNorm[l.b] = stateNorm(l.gh, l.gc);
        }

        private double stateNorm(double[] gh, double[] gc) {
            double nh = DenseKernels.norm(gh, 0, n);
            return c == null ? nh : Math.hypot(nh, DenseKernels.norm(gc, 0, n));
        }

        private void rnnDelta(double[] q, double[] gh, double[] d) {
            for (int i = 0; i < n; i++) {
                d[i] = q[i] * gh[i];
            }
        }

        private void lstmDelta(double[] q, double[] cp, double[] gh, double[] gc, double[] gcp, double[] d) {
            for (int i = 0; i < n; i++) {
                double gcTotal = gc[i] + gh[i] * q[2 * n + i] * q[9 * n + i];
                d[i] = gcTotal * cp[i] * q[5 * n + i];
                d[n + i] = gcTotal * q[3 * n + i] * q[6 * n + i];
                d[2 * n + i] = gh[i] * q[4 * n + i] * q[7 * n + i];
                d[3 * n + i] = gcTotal * q[n + i] * q[8 * n + i];
                gcp[i] = gcTotal * q[i];
            }
        }

        /** PyTorch's GRU: δ = [δ_u, δ_r, δ_h̃], δ_q = δ_h̃∘r, and ghp = g∘(1−u) before the three W terms. */
        private void torchGruDelta(double[] q, double[] hp, double[] gh, double[] ghp, double[] d, double[] dq) {
            for (int i = 0; i < n; i++) {
                double dh = gh[i] * q[i] * q[5 * n + i];
                d[i] = gh[i] * (q[2 * n + i] - hp[i]) * q[3 * n + i];
                d[n + i] = dh * q[7 * n + i] * q[4 * n + i];
                d[2 * n + i] = dh;
                dq[i] = dh * q[n + i];
                ghp[i] = gh[i] * q[6 * n + i];
            }
        }

        /** δ_u and the candidate's δ_h. */
        private void gruDelta(double[] q, double[] hp, double[] gh, double[] d, double[] dh) {
            for (int i = 0; i < n; i++) {
                d[i] = gh[i] * (q[2 * n + i] - hp[i]) * q[3 * n + i];
                dh[i] = gh[i] * q[i] * q[5 * n + i];
            }
        }

        /** From ghp = W_hᵀ δ_h: δ_r, and ghp = g∘(1−u) + (W_hᵀ δ_h)∘r before the W_u, W_r terms. */
        private void gruReset(double[] q, double[] hp, double[] gh, double[] ghp, double[] d) {
            for (int i = 0; i < n; i++) {
                double qi = ghp[i];
                d[n + i] = qi * hp[i] * q[4 * n + i];
                ghp[i] = gh[i] * q[6 * n + i] + qi * q[n + i];
            }
        }

        /** Mean of ℓ_b over the batch, in example order. */
        double meanLoss() {
            double s = 0.0;
            for (int b = 0; b < batch; b++) {
                s += loss[b];
            }
            return s / batch;
        }

        /**
         * The gradient of L = (1/B) Σ_b ℓ_b with respect to every parameter, from the stored sweep.
         * dWᵀ = H_prevᵀ Δ is formed in blocks of {@link #CHUNK} rows of Δ that stay in cache while every row of dWᵀ
         * takes their contribution; the rows of dWᵀ are split between threads.
         * @param out overwritten
         */
        void gradient(Params out) {
            int rows = steps * batch;
            transpose(h, rows, hT);
            if (rhT != null) {
                transpose(rh, rows, rhT);
            }
            int width = dwT[0].length;
            double[][] whInput = torchGru ? hT : rhT;
            Parallel.forRange(n, (i0, i1) -> {
                for (int i = i0; i < i1; i++) {
                    Arrays.fill(dwT[i], 0.0);
                    if (dwhT != null) {
                        Arrays.fill(dwhT[i], 0.0);
                    }
                }
                for (int r0 = 0; r0 < rows; r0 += CHUNK) {
                    int len = Math.min(CHUNK, rows - r0);
                    for (int i = i0; i < i1; i++) {
                        DenseKernels.addRowCombination(delta, r0, len, hT[i], r0, dwT[i], width);
                        if (dwhT != null) {
                            DenseKernels.addRowCombination(deltaH, r0, len, whInput[i], r0, dwhT[i], n);
                        }
                    }
                }
            });
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < width; j++) {
                    out.w[j][i] = dwT[i][j];
                }
                if (dwhT != null) {
                    for (int j = 0; j < n; j++) {
                        out.w[2 * n + j][i] = dwhT[i][j];
                    }
                }
            }
            // dU and db, summed over steps and examples in row order
            for (double[] r : duT) {
                Arrays.fill(r, 0.0);
            }
            Arrays.fill(out.b, 0.0);
            Arrays.fill(out.bhn, 0.0);
            double[] full = new double[gn];
            for (int t = 1; t <= steps; t++) {
                for (int b = 0; b < batch; b++) {
                    int row = (t - 1) * batch + b;
                    double[] d = deltaRow(row, full);
                    for (int j = 0; j < gn; j++) {
                        out.b[j] += d[j];
                    }
                    if (torchGru) {
                        for (int j = 0; j < n; j++) {
                            out.bhn[j] += deltaH[row][j];
                        }
                    }
                    for (int i = 0; i < m; i++) {
                        double xi = x[b][(t - 1) * m + i];
                        if (xi != 0.0) {
                            double[] di = duT[i];
                            for (int j = 0; j < gn; j++) {
                                di[j] += xi * d[j];
                            }
                        }
                    }
                }
            }
            for (int j = 0; j < gn; j++) {
                for (int i = 0; i < m; i++) {
                    out.u[j][i] = duT[i][j];
                }
            }
            // dV = dZᵀ H over steps 1..S, dc = Σ dz
            for (int j = 0; j < k; j++) {
                Arrays.fill(out.v[j], 0.0);
                DenseKernels.addRowCombination(h, batch, rows, dzT[j], 0, out.v[j], n);
                double s = 0.0;
                for (int r = 0; r < rows; r++) {
                    s += dzT[j][r];
                }
                out.c[j] = s;
            }
            double inv = 1.0 / batch;
            for (double[] arr : out.arrays()) {
                for (int i = 0; i < arr.length; i++) {
                    arr[i] *= inv;
                }
            }
        }

        /** The full G·n row of δ at row (the GRU's two blocks joined into scratch). */
        private double[] deltaRow(int row, double[] scratch) {
            if (deltaH == null || torchGru) {
                return delta[row];
            }
            System.arraycopy(delta[row], 0, scratch, 0, 2 * n);
            System.arraycopy(deltaH[row], 0, scratch, 2 * n, n);
            return scratch;
        }
    }

    /** The working vectors of one example's sweep. */
    private final class Lane {
        int b;
        final double[] a = new double[gn];
        final double[] rec = new double[gn];
        final double[] ah = new double[n];
        final double[] pair = new double[2];
        final double[] z = new double[k];
        final double[] dz = new double[k];
        double[] gh = new double[n];
        double[] gc = new double[n];
        double[] ghp = new double[n];
        double[] gcp = new double[n];

        /** Step t-1's gradients become the current ones. */
        void swap() {
            double[] s = gh;
            gh = ghp;
            ghp = s;
            s = gc;
            gc = gcp;
            gcp = s;
        }
    }

    /** The first rows rows of src (each of n), transposed into t (n rows of at least rows). */
    private void transpose(double[][] src, int rows, double[][] t) {
        for (int r = 0; r < rows; r++) {
            double[] s = src[r];
            for (int i = 0; i < n; i++) {
                t[i][r] = s[i];
            }
        }
    }
}
