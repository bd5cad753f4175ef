package org.vanish.engine;

import java.util.Random;

/**
 * Every random draw comes from a {@link Random} seeded by (seed, purpose), so a preset gives bit-identical
 * numbers on every run and machine (java.util.Random and its nextGaussian are specified exactly), and
 * each matrix is independent of which others are drawn.
 */
public final class Seeds {
    private Seeds() {
    }

    /** A generator for one purpose, such as a parameter name ("W_h") or "readout". */
    public static Random forPurpose(long seed, String purpose) {
        return new Random(mix(seed ^ (0x9E3779B97F4A7C15L * purpose.hashCode())));
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
