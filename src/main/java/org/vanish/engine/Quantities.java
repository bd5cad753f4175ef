package org.vanish.engine;

/**
 * Which quantities an analysis computes. The gradient series are always computed (they are cheap);
 * the Jacobian products cost O(T d³) and are what a live view streams in after the rest.
 */
public record Quantities(boolean spectra, boolean productNorms, boolean productSingularValues, boolean perUnit) {
    /** Everything but the Jacobian products: what must answer while a slider moves. */
    public static final Quantities LIVE = new Quantities(true, false, false, false);
    /** The gradient series alone: what answers first when the spectra are expensive (large n). */
    public static final Quantities GRADIENTS = new Quantities(false, false, false, false);
    /** Everything the report lists. */
    public static final Quantities FULL = new Quantities(true, true, true, false);
}
