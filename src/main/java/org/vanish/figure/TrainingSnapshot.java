package org.vanish.figure;

/**
 * What the training lab draws at one moment, as plain arrays (the figures know nothing of the trainer). The
 * history is bounded: point i summarises the training steps [i·stride, (i+1)·stride) (0-based; step k measured
 * the parameters after k updates), the last point possibly fewer.
 *
 * @param title what is trained, for the charts' subtitles ("lstm on the adding problem · T = 50 · n = 32")
 * @param stepsDone the updates made so far
 * @param stride training steps per history point (a power of two)
 * @param step x of each point: the centre of its window of steps
 * @param loss the mean training (minibatch) loss over each window
 * @param accuracy the mean training accuracy over each window; null when the task has none
 * @param gradNorm the largest global gradient norm (before clipping) in each window
 * @param clipped how many steps of each window were clipped
 * @param evalStep steps at which the held-out set was evaluated
 * @param evalLoss the held-out loss at evalStep
 * @param evalAccuracy the held-out accuracy at evalStep; null when the task has none
 * @param baseline the loss of the task's trivial predictor
 * @param baselineLabel what that predictor is ("predict 1 (the mean sum): MSE 1/6")
 * @param clipThreshold the global-norm clipping threshold; NaN when clipping is off
 * @param length the sequence length T: the heatmap has T + 1 rows, t = 0..T
 * @param gradByTime points × (T + 1): per window, the largest log10 ‖∂L/∂h_t‖ (batch mean) of its steps,
 *                   -∞ for an exact zero; values[i·(T+1) + t]
 * @param matrix the name of the recurrent matrix whose eigenvalues are given ("W_h")
 * @param initialRe the eigenvalues of that matrix before training (real parts), with initialIm
 * @param currentRe the eigenvalues now, with currentIm
 */
public record TrainingSnapshot(String title, int stepsDone, int stride, double[] step, double[] loss,
                               double[] accuracy, double[] gradNorm, int[] clipped, double[] evalStep,
                               double[] evalLoss, double[] evalAccuracy, double baseline, String baselineLabel,
                               double clipThreshold, int length, float[] gradByTime, String matrix,
                               double[] initialRe, double[] initialIm, double[] currentRe, double[] currentIm) {

    public TrainingSnapshot {
        int n = step.length;
        if (loss.length != n || gradNorm.length != n || clipped.length != n
                || (accuracy != null && accuracy.length != n) || gradByTime.length != n * (length + 1)
                || evalLoss.length != evalStep.length
                || (evalAccuracy != null && evalAccuracy.length != evalStep.length)
                || initialRe.length != initialIm.length || currentRe.length != currentIm.length) {
            throw new IllegalArgumentException("training snapshot: arrays of inconsistent lengths");
        }
    }

    /** The same snapshot under another title ("" draws the charts without a subtitle). */
    public TrainingSnapshot withTitle(String newTitle) {
        return new TrainingSnapshot(newTitle, stepsDone, stride, step, loss, accuracy, gradNorm, clipped, evalStep,
                evalLoss, evalAccuracy, baseline, baselineLabel, clipThreshold, length, gradByTime, matrix, initialRe,
                initialIm, currentRe, currentIm);
    }

    /** The number of history points. */
    public int points() {
        return step.length;
    }

    /** The number of steps that were clipped, over the whole history. */
    public int clippedSteps() {
        int k = 0;
        for (int c : clipped) {
            k += c;
        }
        return k;
    }
}
