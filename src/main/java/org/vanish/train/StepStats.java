package org.vanish.train;

/**
 * What one training step measured on its minibatch, before the update it made.
 *
 * @param step the number of this step, 1 for the first
 * @param loss the minibatch loss (mean over the batch)
 * @param accuracy fraction of scored predictions that were right; NaN for the adding problem
 * @param gradNorm global 2-norm of the parameter gradient (every cell and readout parameter), before clipping
 * @param clipped whether clipping by global norm rescaled the gradient (gradNorm above the threshold)
 * @param log10GradByTime index t = 0..S (S the sequence length, {@link Task#sequenceLength}): log10 of the
 *        batch mean of ‖∂ℓ_b/∂s_t‖₂, where ℓ_b is example b's own loss and s_t the state ([h_t; c_t] for the
 *        LSTM, as in the dashboard's gradient view); -∞ for an exact zero
 */
public record StepStats(int step, double loss, double accuracy, double gradNorm, boolean clipped,
                        double[] log10GradByTime) {
}
