package org.vanish.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.ejml.data.DMatrixRMaj;

/**
 * Runs the engine for run specs. {@link #prepare} does once what survives a change of the W scale (the
 * parameter draw, the input drive U x_t + b, the spectra of the unscaled recurrent matrices);
 * {@link Prepared#analyze} does the rest for a given scale.
 */
public final class Analyzer {
    private final Spectra spectra = new Spectra();

    /** What a run keeps across scale changes. Thread-safe: each analyze call owns its cell. */
    public final class Prepared {
        private final RunSpec spec;
        private final Map<String, DMatrixRMaj> base;
        private final double[] drive;
        /** Spectra of the unscaled recurrent matrices, decomposed on first use. */
        private volatile Map<String, Spectra.Spectrum> baseSpectra;

        private Prepared(RunSpec spec) {
            this.spec = spec;
            this.base = Initializer.draw(spec);
            // the drive does not involve the recurrent matrices, so any scale gives the same one
            this.drive = Cell.create(spec.cell(), spec.activation(), base).drive(spec.inputs(), spec.steps());
        }

        public RunSpec spec() {
            return spec;
        }

        /** Analyses the run at the given W scale. */
        public RunResult analyze(double scale, Quantities q, JacobianProducts.Progress progress) {
            RunSpec s = spec.withScale(scale);
            Map<String, DMatrixRMaj> params = Initializer.scaled(spec.cell(), base, scale);
            Cell cell = Cell.create(spec.cell(), spec.activation(), params);
            Trajectory tr;
            try {
                tr = cell.forward(drive, spec.steps(), spec.initialState());
            } catch (RunFailure e) {
                throw new RunFailure("run \"" + spec.label() + "\": " + e.getMessage(), e);
            }
            GradientFlow.Series series = GradientFlow.backpropagate(cell, tr, spec.readout(), q.perUnit());
            JacobianProducts.Result products = null;
            if (q.productNorms() || q.productSingularValues()) {
                products = JacobianProducts.accumulate(cell, tr, q.productSingularValues(), progress);
            }
            Map<String, Spectra.Spectrum> scaledSpectra = null;
            if (q.spectra()) {
                scaledSpectra = new LinkedHashMap<>();
                for (Map.Entry<String, Spectra.Spectrum> e : baseSpectra().entrySet()) {
                    scaledSpectra.put(e.getKey(), Spectra.scaled(e.getValue(), scale));
                }
            }
            return new RunResult(s, params, tr, series, products, scaledSpectra);
        }

        /** Whether the spectra are already decomposed, so that asking for them costs only a rescale. */
        public boolean spectraReady() {
            return baseSpectra != null;
        }

        private Map<String, Spectra.Spectrum> baseSpectra() {
            Map<String, Spectra.Spectrum> b = baseSpectra;
            if (b == null) {
                b = new LinkedHashMap<>();
                for (String w : spec.cell().recurrentNames()) {
                    b.put(w, spectra.unscaled(base.get(w)));
                }
                baseSpectra = b;
            }
            return b;
        }
    }

    /** Draws the parameters and input drive of spec. */
    public Prepared prepare(RunSpec spec) {
        return new Prepared(spec);
    }

    /**
     * Bytes one run holds while it is analysed: states, per-step cache and input drive, and for the Jacobian
     * products eight d×d matrices (the product, the next one, the Jacobian, a transpose for the norm, and the
     * copy, workspace and V of a compression's SVD).
     */
    public static long bytesNeeded(CellType cell, int hiddenSize, int steps, Quantities q) {
        long n = hiddenSize;
        long d = cell.stateSize(hiddenSize);
        long width = cacheWidth(cell, hiddenSize);
        long doubles = (steps + 1L) * d + steps * width + (long) steps * cell.gateCount() * n
                + (q.perUnit() ? (steps + 1L) * n / 2 : 0)
                + (q.productNorms() || q.productSingularValues() ? 8 * d * d : 0);
        return 8 * doubles;
    }

    /** Whether every array of such a run fits Java's 2^31 entries. */
    public static boolean arraysFit(CellType cell, int hiddenSize, int steps) {
        return (long) steps * cacheWidth(cell, hiddenSize) < Integer.MAX_VALUE - 8
                && (steps + 1L) * cell.stateSize(hiddenSize) < Integer.MAX_VALUE - 8;
    }

    private static long cacheWidth(CellType cell, int n) {
        return cell == CellType.LSTM ? 10L * n : cell == CellType.GRU ? 7L * n : n;
    }

    /** Analyses one run at its own scale. */
    public RunResult analyze(RunSpec spec, Quantities q) {
        return prepare(spec).analyze(spec.scale(), q, null);
    }

    /** Analyses runs concurrently on the executor, results in the order given. */
    public static List<RunResult> analyzeAll(List<Prepared> runs, double[] scales, Quantities q, Executor executor) {
        List<CompletableFuture<RunResult>> futures = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Prepared p = runs.get(i);
            double scale = scales[i];
            futures.add(CompletableFuture.supplyAsync(() -> p.analyze(scale, q, null), executor));
        }
        List<RunResult> out = new ArrayList<>();
        for (CompletableFuture<RunResult> f : futures) {
            out.add(f.join());
        }
        return out;
    }
}
