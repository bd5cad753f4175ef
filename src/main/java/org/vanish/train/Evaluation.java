package org.vanish.train;

/**
 * Loss and accuracy on the held-out set (NaN accuracy for the adding problem).
 */
public record Evaluation(double loss, double accuracy) {
}
