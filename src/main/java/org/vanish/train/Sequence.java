package org.vanish.train;

/**
 * One example of a task.
 *
 * @param inputs x_1..x_S as S×m row-major (S the sequence length, m the task's input size)
 * @param target the regression target (adding problem); NaN for the classification tasks
 * @param labels per step t = 1..S at index t-1, the class to predict there, or -1 where nothing is predicted
 * @param firstScored the first index of labels that counts for accuracy (the copy task scores only the recalled
 *        symbols; the agreement task its one prediction)
 */
public record Sequence(double[] inputs, double target, int[] labels, int firstScored) {
}
