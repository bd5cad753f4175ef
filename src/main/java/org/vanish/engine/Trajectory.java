package org.vanish.engine;

/**
 * The forward pass of one cell over T steps: the states s_0..s_T and, per step, what the
 * cell needs to form its Jacobians (derivatives for the Elman cells; gate values for LSTM and GRU).
 */
public final class Trajectory {
    private final int steps;
    private final int stateSize;
    private final int cacheWidth;
    final double[] states;
    final double[] cache;
    /**
     * Per step (t at t − 1): whether a pre-activation (or, for the LSTM, c_t) lies beyond ±{@link Cell#SATURATION},
     * so that a factor of J_t may underflow double and backpropagation through it is checked ({@link Cell#vjpScaled}).
     */
    final boolean[] saturated;
    /** The drive the forward pass read (not a copy): saturated steps form their pre-activations again from it. */
    double[] drive;

    private final int units;
    private final int gates;

    /** @param gates how many gate blocks lead the cache (0 for the Elman cells) */
    Trajectory(int steps, int stateSize, int cacheWidth, int units, int gates) {
        this.steps = steps;
        this.stateSize = stateSize;
        this.cacheWidth = cacheWidth;
        this.units = units;
        this.gates = gates;
        this.states = new double[(steps + 1) * stateSize];
        this.cache = new double[steps * cacheWidth];
        this.saturated = new boolean[steps];
    }

    /** Whether step t = 1..T has a unit so saturated that a factor of J_t may underflow double. */
    public boolean saturated(int t) {
        return saturated[t - 1];
    }

    /** T. */
    public int steps() {
        return steps;
    }

    /** d: n, or 2n for the LSTM. */
    public int stateSize() {
        return stateSize;
    }

    /** A copy of s_t, t = 0..T. */
    public double[] state(int t) {
        double[] s = new double[stateSize];
        System.arraycopy(states, t * stateSize, s, 0, stateSize);
        return s;
    }

    /** Offset of s_t in {@link #states}. */
    int stateOffset(int t) {
        return t * stateSize;
    }

    /** Offset of step t's cache (t = 1..T). */
    int cacheOffset(int t) {
        return (t - 1) * cacheWidth;
    }

    /**
     * The activation of gate g (in {@link CellType#gates()} order: f, i, o, c̃ for the LSTM; u, r, h̃ for the
     * GRU) of hidden unit k at step t = 1..T.
     * @throws IllegalStateException for the Elman and additive cells, which have no gates
     */
    public double gate(int t, int g, int k) {
        if (gates == 0) {
            throw new IllegalStateException("this cell has no gates");
        }
        if (t < 1 || t > steps || g < 0 || g >= gates || k < 0 || k >= units) {
            throw new IndexOutOfBoundsException("gate(" + t + ", " + g + ", " + k + ") outside t = 1.." + steps
                    + ", g < " + gates + ", k < " + units);
        }
        return cache[cacheOffset(t) + g * units + k];
    }

    /** n, the number of hidden units. */
    public int hiddenSize() {
        return units;
    }
}
