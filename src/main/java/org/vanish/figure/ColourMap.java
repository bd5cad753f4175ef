package org.vanish.figure;

import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.renderer.PaintScale;

/**
 * A perceptually uniform colour map over [lower, upper], looked up in a table of {@value #LEVELS} colours: equal
 * steps in value look like equal steps in colour, lightness rises monotonically (so the map survives a greyscale
 * printout and every common form of colour blindness), and no band stands out that the data does not have.
 * The tables are computed from Zucker's degree-6 polynomial fits to matplotlib's viridis and magma (within about
 * 1/255 of the published tables), so no dependency and no data file is needed. A diverging map (ColorBrewer's
 * RdBu, reversed) serves quantities with a meaningful middle, such as log10 χ = 0 on the edge of chaos: its
 * lightness rises to white at the centre and falls on both sides.
 * <p>
 * A value below the range takes the lowest colour, above it the highest; -∞ (log10 of an exact zero) and NaN
 * take {@link #MISSING}, a mid grey that no map contains.
 */
final class ColourMap implements PaintScale {
    /** Colours in a table: more than a projector or an eye tells apart. */
    static final int LEVELS = 256;
    /** The colour of a cell with no value: -∞, an exact zero. */
    static final Color MISSING = new Color(0xA0A0A0);

    // rows c0..c6 of r(t), g(t), b(t) = Σ c_j t^j
    private static final double[][] VIRIDIS = {
        {0.2777273272234177, 0.005407344544966578, 0.3340998053353061},
        {0.1050930431085774, 1.404613529898575, 1.384590162594685},
        {-0.3308618287255563, 0.214847559468213, 0.09509516302823659},
        {-4.634230498983486, -5.799100973351585, -19.33244095627987},
        {6.228269936347081, 14.17993336680509, 56.69055260068105},
        {4.776384997670288, -13.74514537774601, -65.35303263337234},
        {-5.435455855934631, 4.645852612178535, 26.3124352495832},
    };
    private static final double[][] MAGMA = {
        {-0.002136485053939582, -0.000749655052795221, -0.005386127855323933},
        {0.2516605407371642, 0.6775232436837668, 2.494026599312351},
        {8.353717279216625, -3.577719514958484, 0.3144679030132573},
        {-27.66873308576866, 14.26473078096533, -13.64921318813922},
        {52.17613981234068, -27.94360607168351, 12.94416944238394},
        {-50.76852536473588, 29.04658282127291, 4.23415299384598},
        {18.65570506591883, -11.48977351997711, -5.601961508734096},
    };
    /** ColorBrewer's RdBu (Brewer 2002), 11 classes, reversed: dark blue (low) through white to dark red (high). */
    private static final int[] BLUE_WHITE_RED = {0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7,
        0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F};
    private static final int[] VIRIDIS_RGB = table(VIRIDIS);
    private static final int[] MAGMA_RGB = table(MAGMA);
    private static final int[] DIVERGING_RGB = interpolated(BLUE_WHITE_RED);

    private final int[] rgb;
    private final double lower;
    private final double upper;
    private final double perLevel;
    /** For a diverging map, the value of the white middle; NaN for a sequential one. */
    private final double centre;

    private ColourMap(int[] rgb, double lower, double upper, double centre) {
        if (!(lower < upper) || Double.isInfinite(lower) || Double.isInfinite(upper)) {
            throw new IllegalArgumentException("colour range must be finite and lower < upper: " + lower + ", " + upper);
        }
        if (!Double.isNaN(centre) && !(lower < centre && centre < upper)) {
            throw new IllegalArgumentException("the centre must lie inside the range: " + centre);
        }
        this.rgb = rgb;
        this.lower = lower;
        this.upper = upper;
        this.perLevel = LEVELS / (upper - lower);
        this.centre = centre;
    }

    private ColourMap(int[] rgb, double lower, double upper) {
        this(rgb, lower, upper, Double.NaN);
    }

    /** Viridis over [lower, upper]: dark blue (low) through green to yellow (high). */
    static ColourMap viridis(double lower, double upper) {
        return new ColourMap(VIRIDIS_RGB, lower, upper);
    }

    /** Magma over [lower, upper]: black (low) through purple and orange to pale yellow (high). */
    static ColourMap magma(double lower, double upper) {
        return new ColourMap(MAGMA_RGB, lower, upper);
    }

    /**
     * Blue below centre, white at it, red above, each half stretched over its own side of [lower, upper] (a
     * two-slope map: a phase boundary at centre is white whatever the range on either side).
     */
    static ColourMap diverging(double lower, double centre, double upper) {
        return new ColourMap(DIVERGING_RGB, lower, upper, centre);
    }

    /** The colour of v as 0xRRGGBB: the hot path of a heatmap, no allocation. */
    int rgb(double v) {
        if (!(v == v) || v == Double.NEGATIVE_INFINITY) {
            return MISSING.getRGB() & 0xFFFFFF;
        }
        int level = centre == centre
                ? (int) (v < centre ? (v - lower) / (centre - lower) * (LEVELS / 2)
                        : LEVELS / 2 + (v - centre) / (upper - centre) * (LEVELS / 2))
                : (int) ((v - lower) * perLevel);
        return rgb[level < 0 ? 0 : level >= LEVELS ? LEVELS - 1 : level];
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        return new Color(rgb(value));
    }

    /** The colour stops, equally spaced over [0, 1], linearly interpolated at {@link #LEVELS} bin centres. */
    private static int[] interpolated(int[] stops) {
        int[] out = new int[LEVELS];
        for (int i = 0; i < LEVELS; i++) {
            double u = (i + 0.5) / LEVELS * (stops.length - 1);
            int k = Math.min(stops.length - 2, (int) u);
            double f = u - k;
            int rgb = 0;
            for (int shift = 16; shift >= 0; shift -= 8) {
                int a = stops[k] >> shift & 0xFF;
                int b = stops[k + 1] >> shift & 0xFF;
                rgb = rgb << 8 | (int) Math.round(a + f * (b - a));
            }
            out[i] = rgb;
        }
        return out;
    }

    /** The polynomial sampled at the centres of {@link #LEVELS} equal bins of [0, 1]. */
    private static int[] table(double[][] c) {
        int[] out = new int[LEVELS];
        for (int i = 0; i < LEVELS; i++) {
            double t = (i + 0.5) / LEVELS;
            int rgb = 0;
            for (int ch = 0; ch < 3; ch++) {
                double v = 0;
                for (int j = c.length - 1; j >= 0; j--) {
                    v = v * t + c[j][ch];
                }
                rgb = rgb << 8 | (int) Math.round(255 * Math.min(1, Math.max(0, v)));
            }
            out[i] = rgb;
        }
        return out;
    }
}
