package org.vanish.train;

/**
 * The loss of a task on one minibatch of its sequences. Adding: ℓ_b = (z − target)² at the last step.
 * Copy and agreement: softmax cross-entropy −log p_label, averaged over the example's labelled steps (all S steps
 * for the copy task, the last one for agreement), so ℓ_b is the example's mean loss as the baselines count it.
 */
final class TaskObjective implements Network.Objective {
    private final Task task;
    private final Sequence[] batch;
    private final int steps;
    private final double perOutput;

    TaskObjective(Task task, Sequence[] batch, int steps) {
        this.task = task;
        this.batch = batch;
        this.steps = steps;
        this.perOutput = task == Task.COPY ? 1.0 / steps : 1.0;
    }

    @Override
    public boolean hasOutput(int b, int t) {
        return task == Task.ADDING ? t == steps : batch[b].labels()[t - 1] >= 0;
    }

    @Override
    public double loss(int b, int t, double[] z, double[] dz) {
        if (task == Task.ADDING) {
            double e = z[0] - batch[b].target();
            dz[0] = 2.0 * e;
            return e * e;
        }
        int label = batch[b].labels()[t - 1];
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0.0;
        for (int j = 0; j < z.length; j++) {
            dz[j] = org.vanish.engine.Elementary.exp(z[j] - max);
            sum += dz[j];
        }
        double inv = 1.0 / sum;
        for (int j = 0; j < z.length; j++) {
            dz[j] *= inv * perOutput;
        }
        dz[label] -= perOutput;
        return (StrictMath.log(sum) - (z[label] - max)) * perOutput;
    }

    @Override
    public int correct(int b, int t, double[] z) {
        if (task == Task.ADDING || t - 1 < batch[b].firstScored()) {
            return -1;
        }
        int best = 0;
        for (int j = 1; j < z.length; j++) {
            if (z[j] > z[best]) {
                best = j;
            }
        }
        return best == batch[b].labels()[t - 1] ? 1 : 0;
    }
}
