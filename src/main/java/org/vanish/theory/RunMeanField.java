package org.vanish.theory;

import org.ejml.data.DMatrixRMaj;
import org.vanish.engine.CellType;
import org.vanish.engine.RunResult;
import org.vanish.engine.RunSpec;

/**
 * The mean-field parameters of one analysed Elman run and its {@link MeanField} prediction. The theory needs
 * W_h with independent zero-mean entries of variance σ_w²/n, so:
 * <ul>
 * <li>gaussian init: σ_w = gain·scale;</li>
 * <li>orthogonal init: σ_w = gain·scale too, since ‖W_h h‖ = σ_w‖h‖ exactly: the forward variance map is the same,
 * and χ, the mean squared singular value of diag(φ') W_h, is the same for Haar-orthogonal and gaussian W_h
 * (Pennington, Schoenholz &amp; Ganguli 2017);</li>
 * <li>pytorch init, U(-g/√n, g/√n)·scale: entries of variance g²s²/(3n), so σ_w = gain·scale/√3;</li>
 * <li>identity init or an explicit W_h: no prediction (the matrix is not random);</li>
 * <li>additive, lstm, gru cells: no prediction (the theory here is for the Elman rnn).</li>
 * </ul>
 * The bias enters by the mean and variance of the entries of b over the units (a constant b is a mean, no
 * variance); the input by the second moment of W_x x_t over units and steps, as realised in the run.
 */
public record RunMeanField(double sigmaW, double biasMean, double biasVariance, double inputVariance,
                           MeanField.Result result) {

    /** Why the mean field does not apply to this run, in a few words; null if it does. */
    public static String whyNot(RunSpec spec) {
        if (spec.cell() != CellType.RNN) {
            return spec.cell().id() + " cell: the mean field is for the Elman rnn";
        }
        if (!spec.single()) {
            // a layer of a stack reads the layer below and gets gradient from above: not the one recurrence modelled
            return "stacked or bidirectional: the mean field is for one layer in one direction";
        }
        if (spec.explicitParameters().containsKey("W_h")) {
            return "explicit W_h: not a random matrix";
        }
        switch (spec.init()) {
            case IDENTITY: return "identity init: W_h = g·I is not random";
            default: return null;
        }
    }

    /** σ_w of a run's random W_h (see the class comment); the run must pass {@link #whyNot}. */
    static double sigmaW(RunSpec spec) {
        double s = Math.abs(spec.gain() * spec.scale());
        switch (spec.init()) {
            case PYTORCH: return s / Math.sqrt(3.0);
            default: return s;
        }
    }

    /**
     * The mean-field parameters and prediction of r.
     * @throws IllegalArgumentException with {@link #whyNot}'s reason when it does not apply
     */
    public static RunMeanField of(RunResult r) {
        RunSpec spec = r.spec();
        String why = whyNot(spec);
        if (why != null) {
            throw new IllegalArgumentException(spec.label() + ": " + why);
        }
        double[] b = r.parameters().get("b").data;
        double mean = 0;
        for (double v : b) {
            mean += v;
        }
        mean /= b.length;
        double var = 0;
        for (double v : b) {
            var += (v - mean) * (v - mean);
        }
        var /= b.length;
        double x2 = inputSecondMoment(r.parameters().get("W_x"), spec.inputs(), spec.steps());
        double sw = sigmaW(spec);
        return new RunMeanField(sw, mean, var, x2, MeanField.of(spec.activation(), sw, mean, var, x2));
    }

    /**
     * The mean over units i and steps t of (W_x x_t)_i², the variance the input adds to a pre-activation.
     * @param x T×m row-major. Not modified.
     */
    static double inputSecondMoment(DMatrixRMaj wx, double[] x, int steps) {
        int n = wx.numRows;
        int m = wx.numCols;
        double sum = 0;
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                double a = 0;
                for (int k = 0; k < m; k++) {
                    a += wx.data[i * m + k] * x[t * m + k];
                }
                sum += a * a;
            }
        }
        return steps == 0 ? 0 : sum / ((double) steps * n);
    }

    /**
     * The measured counterpart of {@link MeanField.Result#log10SlopePerStep}: minus the least-squares slope of
     * log10 ‖∂L/∂h_t‖ against t over the middle half of the sequence, t in [T/4, 3T/4] (away from the readout's
     * transient at T and the initial state's at 0); NaN if fewer than 3 steps or an exact zero lies there.
     * @param log10Norm log10 ‖∂L/∂h_t‖ for t = 0..T. Not modified.
     */
    public static double measuredSlopePerStep(double[] log10Norm) {
        int steps = log10Norm.length - 1;
        int from = steps / 4;
        int to = steps - steps / 4;
        if (to - from < 2) {
            return Double.NaN;
        }
        double mt = 0.5 * (from + to);
        double my = 0;
        for (int t = from; t <= to; t++) {
            my += log10Norm[t];
        }
        my /= to - from + 1;
        double sxy = 0;
        double sxx = 0;
        for (int t = from; t <= to; t++) {
            sxy += (t - mt) * (log10Norm[t] - my);
            sxx += (t - mt) * (t - mt);
        }
        double slope = sxy / sxx;
        return Double.isFinite(slope) ? -slope : Double.NaN;
    }
}
