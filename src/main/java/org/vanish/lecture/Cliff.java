package org.vanish.lecture;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Pascanu, Mikolov &amp; Bengio's (2013, section 3 and Figure 6) cliff: the single-unit network
 * x_t = w·σ(x_{t−1}) + b, σ the logistic function, x_0 = {@value #X0}, run for T = {@value #STEPS} steps, with the
 * loss L(w, b) = (σ(x_T) − {@value #TARGET})². Its surface has two plateaus (x_T near a low or a high attractor)
 * separated by a wall so steep that one gradient step taken on it throws (w, b) far away; gradient clipping
 * (seed 001, Algorithm 1: if ‖g‖ ≥ threshold then g ← threshold·g/‖g‖) keeps the direction and bounds the step.
 * <p>
 * Where the wall is: for w &gt; 4 the map x ↦ wσ(x) + b has, between two saddle-node bifurcation curves
 * (w = 1/σ'(x*), b = x* − wσ(x*), where the line y = x touches the curve), two stable fixed points and an unstable
 * one between them. x_0 goes to the high or the low one depending on which side of the unstable point it starts,
 * so the wall is the set where x_0 <em>is</em> the unstable fixed point: b = x_0 − wσ(x_0) for w ≥ 1/σ'(x_0)
 * ≈ 4.26. It starts where it touches the saddle-node curve and runs inside the bistable region, not along the
 * saddle-node curves themselves. Near the wall x_t lingers at the unstable point, where each step multiplies a
 * perturbation by wσ'(x_0) &gt; 1, so ∂x_T/∂(w, b) grows like (wσ'(x_0))^T.
 * <p>
 * The gradient is exact backpropagation through the T steps. It is carried as a unit direction and log10 of its
 * norm: the adjoint δ_t = ∂L/∂x_t is summed in log space (log σ'(x) = −|x| − 2 log(1 + e^{−|x|}) is finite for
 * every finite x), so neither a saturated σ' (underflow) nor a product of T slopes above 1 (overflow) ever gives
 * 0·∞. A step along it may still leave the double range; the descent then stops and says so.
 */
public final class Cliff {
    /** x_0. */
    public static final double X0 = 0.5;
    /** T. */
    public static final int STEPS = 50;
    /** The target of σ(x_T). */
    public static final double TARGET = 0.7;
    private static final double LN10 = Math.log(10);

    private Cliff() {
    }

    /**
     * L(w, b) with its gradient as a unit direction (dirW, dirB) and log10 ‖∇L‖₂; a zero gradient has direction
     * (0, 0) and log10 norm −∞.
     */
    public record Gradient(double loss, double dirW, double dirB, double log10Norm) {
        /** ∂L/∂w in double (±∞ or 0 where it leaves the double range). */
        public double dw() {
            return dirW * norm();
        }

        /** ∂L/∂b in double. */
        public double db() {
            return dirB * norm();
        }

        /** ‖∇L‖₂ in double. */
        public double norm() {
            return Math.pow(10, log10Norm);
        }
    }

    /** The logistic function, without overflow. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** ln σ'(x) = ln(σ(x)σ(−x)), finite for every finite x. */
    static double logSigmoidSlope(double x) {
        double a = Math.abs(x);
        return -a - 2 * Math.log1p(Math.exp(-a));
    }

    /** x_0..x_T for (w, b). */
    static double[] states(double w, double b) {
        double[] x = new double[STEPS + 1];
        x[0] = X0;
        for (int t = 1; t <= STEPS; t++) {
            x[t] = w * sigmoid(x[t - 1]) + b;
        }
        return x;
    }

    /** L(w, b) = (σ(x_T) − 0.7)². */
    public static double loss(double w, double b) {
        double e = sigmoid(states(w, b)[STEPS]) - TARGET;
        return e * e;
    }

    /**
     * L and ∇L by backpropagation through time: δ_T = 2(σ(x_T) − 0.7)σ'(x_T), δ_{t−1} = δ_t·wσ'(x_{t−1}),
     * ∂L/∂w = Σ_t δ_t σ(x_{t−1}), ∂L/∂b = Σ_t δ_t, with |δ_t| in log space.
     */
    public static Gradient gradient(double w, double b) {
        double[] x = states(w, b);
        double err = sigmoid(x[STEPS]) - TARGET;
        double[] logDelta = new double[STEPS + 1];
        boolean[] negative = new boolean[STEPS + 1];
        logDelta[STEPS] = Math.log(2 * Math.abs(err)) + logSigmoidSlope(x[STEPS]);
        negative[STEPS] = err < 0;
        double logW = Math.log(Math.abs(w));
        double top = logDelta[STEPS];
        for (int t = STEPS; t > 1; t--) {
            logDelta[t - 1] = logDelta[t] + logW + logSigmoidSlope(x[t - 1]);
            negative[t - 1] = negative[t] ^ (w < 0);
            top = Math.max(top, logDelta[t - 1]);
        }
        if (top == Double.NEGATIVE_INFINITY) {
            return new Gradient(err * err, 0, 0, Double.NEGATIVE_INFINITY);
        }
        double gw = 0;
        double gb = 0;
        for (int t = 1; t <= STEPS; t++) {
            double d = Math.exp(logDelta[t] - top);
            d = negative[t] ? -d : d;
            gw += d * sigmoid(x[t - 1]);
            gb += d;
        }
        double h = Math.hypot(gw, gb);
        if (h == 0) {
            return new Gradient(err * err, 0, 0, Double.NEGATIVE_INFINITY);
        }
        return new Gradient(err * err, gw / h, gb / h, (top + Math.log(h)) / LN10);
    }

    /**
     * The loss at the centres of a columns × rows grid over [wMin, wMax] × [bMin, bMax]: cell (c, r) is at
     * w = wMin + (c + ½)(wMax − wMin)/columns, b = bMin + (r + ½)(bMax − bMin)/rows.
     */
    public record Surface(double wMin, double wMax, double bMin, double bMax, int columns, int rows, double[] loss) {
        /** L at cell (c, r). */
        public double loss(int c, int r) {
            return loss[c * rows + r];
        }

        public double w(int c) {
            return wMin + (c + 0.5) * (wMax - wMin) / columns;
        }

        public double b(int r) {
            return bMin + (r + 0.5) * (bMax - bMin) / rows;
        }
    }

    /**
     * The loss surface over the window, column by column.
     * @param cancelled polled once per column; when it answers true the rest of the grid is left at 0
     */
    public static Surface surface(double wMin, double wMax, double bMin, double bMax, int columns, int rows,
                                  BooleanSupplier cancelled) {
        double[] v = new double[columns * rows];
        Surface s = new Surface(wMin, wMax, bMin, bMax, columns, rows, v);
        for (int c = 0; c < columns && !cancelled.getAsBoolean(); c++) {
            for (int r = 0; r < rows; r++) {
                v[c * rows + r] = loss(s.w(c), s.b(r));
            }
        }
        return s;
    }

    /**
     * A gradient-descent path (w_k, b_k), k = 0..K, with the gradient met at each point; K = the steps asked for,
     * or fewer if a step left the double range ({@link #escaped}).
     * @param clipped   clipped[k]: whether step k (from point k to k + 1) was clipped
     * @param log10Step log10 of the length of step k in the (w, b) plane
     * @param jump      the point a step was taken from with the largest gradient norm (where an unclipped path
     *                  jumps), or, if escaped, the last point, whose step left the double range
     */
    public record Path(double[] w, double[] b, Gradient[] gradient, boolean[] clipped, double[] log10Step,
                       boolean escaped, int jump) {
        /** K, the number of steps taken. */
        public int steps() {
            return w.length - 1;
        }
    }

    /**
     * Gradient descent from (w0, b0): (w, b) ← (w, b) − lr·g, with g clipped to norm threshold when
     * ‖g‖ ≥ threshold (Algorithm 1 of seed 001); threshold = +∞ is plain descent.
     */
    public static Path descend(double w0, double b0, double learningRate, int steps, double threshold) {
        double[] w = new double[steps + 1];
        double[] b = new double[steps + 1];
        Gradient[] g = new Gradient[steps + 1];
        boolean[] clipped = new boolean[steps];
        double[] log10Step = new double[steps];
        w[0] = w0;
        b[0] = b0;
        g[0] = gradient(w0, b0);
        double logThreshold = Math.log10(threshold);
        double logRate = Math.log10(learningRate);
        int k = 0;
        int jump = 0;
        boolean escaped = false;
        while (k < steps) {
            Gradient gk = g[k];
            clipped[k] = gk.log10Norm() >= logThreshold;
            double size = clipped[k] ? learningRate * threshold : learningRate * gk.norm();
            log10Step[k] = logRate + (clipped[k] ? logThreshold : gk.log10Norm());
            double nw = w[k] - size * gk.dirW();
            double nb = b[k] - size * gk.dirB();
            if (!Double.isFinite(nw) || !Double.isFinite(nb)) {
                escaped = true;
                break;
            }
            if (gk.log10Norm() > g[jump].log10Norm()) {
                jump = k;
            }
            w[k + 1] = nw;
            b[k + 1] = nb;
            g[k + 1] = gradient(nw, nb);
            k++;
        }
        if (escaped) {
            jump = k;
        }
        int n = k + 1;
        return new Path(Arrays.copyOf(w, n), Arrays.copyOf(b, n), Arrays.copyOf(g, n),
                Arrays.copyOf(clipped, k), Arrays.copyOf(log10Step, k), escaped, jump);
    }

    /** w at the tip of the wall, 1/σ'(x_0): left of it x_0 is a stable fixed point on the line below. */
    public static double wallTipW() {
        double s = sigmoid(X0);
        return 1 / (s * (1 - s));
    }

    /** b on the wall for w ≥ {@link #wallTipW()}: x_0 is then the unstable fixed point, b = x_0 − wσ(x_0). */
    public static double wallB(double w) {
        return X0 - w * sigmoid(X0);
    }
}
