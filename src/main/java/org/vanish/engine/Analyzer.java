package org.vanish.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import org.ejml.data.DMatrixRMaj;

/**
 * Runs the engine for run specs. {@link #prepare} does once what survives a change of the W scale (the
 * parameter draw, the input drive U x_t + b, the spectra of the unscaled recurrent matrices);
 * {@link Prepared#analyze} does the rest for a given scale.
 */
public final class Analyzer {
    /**
     * Runs the second direction of a layer of a bidirectional run while the analysing thread runs the first: one
     * thread, since a level of PyTorch's wiring has at most two units (with several runs at once, each caller runs
     * what the thread has not taken, {@link Stack#inParallel}). None on a single core.
     */
    private static final Executor DIRECTIONS = Runtime.getRuntime().availableProcessors() < 2 ? null
            : new SpinningExecutor("vanish-directions");

    private final Spectra spectra = new Spectra();

    /** What a run keeps across scale changes. Thread-safe: each analyze call owns its cells. */
    public final class Prepared {
        private final RunSpec spec;
        /** The unscaled parameters per layer and direction, in {@link RunSpec#stackParameters()} order. */
        private final List<Map<String, DMatrixRMaj>> base;
        /** Per layer and direction, the drive of those that read x alone (layer 0); null for the others. */
        private final double[][] drives;
        /** Per layer and direction, its cells' input side (U and b, arranged for the kernels): no scale alters it. */
        private final InputSide[] inputs;
        /** Spectra of the unscaled recurrent matrices per layer and direction, decomposed on first use. */
        private volatile List<Map<String, Spectra.Spectrum>> baseSpectra;
        /**
         * Per layer and direction of an LSTM run, its unscaled W_f, W_i, W_o, W_c stacked as 4n rows of n and as their
         * transpose (n rows of 4n), from which a scaled cell's rows are one product each; null for the other cells.
         */
        private final double[][][] lstmRows;
        private final double[][][] lstmRowsT;
        /** Buffers of finished analyses, for the next (each analysis takes one; several may run at once). */
        private final ConcurrentLinkedQueue<Scratch> scratch = new ConcurrentLinkedQueue<>();

        private Prepared(RunSpec spec) {
            this.spec = spec;
            int dirs = spec.directions();
            List<Map<String, DMatrixRMaj>> drawn = new ArrayList<>();
            for (int k = 0; k < spec.units(); k++) {
                drawn.add(Initializer.drawLayer(spec, k / dirs, k % dirs == 1));
            }
            this.base = List.copyOf(drawn);
            this.inputs = new InputSide[spec.units()];
            for (int k = 0; k < spec.units(); k++) {
                inputs[k] = new InputSide(spec.cell(), base.get(k));
            }
            this.drives = new double[spec.units()][];
            this.lstmRows = spec.cell() == CellType.LSTM ? new double[spec.units()][][] : null;
            this.lstmRowsT = spec.cell() == CellType.LSTM ? new double[spec.units()][][] : null;
            if (lstmRows != null) {
                for (int k = 0; k < spec.units(); k++) {
                    LstmCell c = new LstmCell(base.get(k), inputs[k]);
                    lstmRows[k] = c.stacked();
                    lstmRowsT[k] = c.stackedTransposed();
                }
            }
            // the drive does not involve the recurrent matrices, so any scale gives the same one
            for (int k = 0; k < dirs; k++) {
                double[] x = k == 1 ? Stack.reversed(spec.inputs(), spec.steps(), spec.inputSize()) : spec.inputs();
                drives[k] = cell(base.get(k), inputs[k]).drive(x, spec.steps());
            }
        }

        private Cell cell(Map<String, DMatrixRMaj> params, InputSide input) {
            return Cell.create(spec.cell(), spec.activation(), spec.gruVariant(), params, input);
        }

        /** Unit k's cell at the given scale, params its scaled parameters; an LSTM's rows are made in scratch. */
        private Cell cell(int k, Map<String, DMatrixRMaj> params, double scale, Scratch sc) {
            if (lstmRows == null) {
                return cell(params, inputs[k]);
            }
            if (sc.w[k] == null) {
                sc.w[k] = new double[lstmRows[k].length][lstmRows[k][0].length];
                sc.wT[k] = new double[lstmRowsT[k].length][lstmRowsT[k][0].length];
            }
            return new LstmCell(params, inputs[k], lstmRows[k], lstmRowsT[k], scale, sc.w[k], sc.wT[k]);
        }

        public RunSpec spec() {
            return spec;
        }

        /** Analyses the run at the given W scale. */
        public RunResult analyze(double scale, Quantities q, JacobianProducts.Progress progress) {
            Scratch sc = scratch.poll();
            if (sc == null) {
                sc = new Scratch(spec.units());
            }
            try {
                return analyze(scale, q, progress, sc);
            } finally {
                // nothing of sc reaches the result: the cells that hold its rows are dropped here. A large one (a
                // long stacked run) is not kept: it would be held as long as the prepared run, not just while used
                if (sc.bytes() <= MAX_KEPT_SCRATCH_BYTES) {
                    scratch.offer(sc);
                }
            }
        }

        private RunResult analyze(double scale, Quantities q, JacobianProducts.Progress progress, Scratch sc) {
            RunSpec s = spec.withScale(scale);
            int count = spec.units();
            List<Map<String, DMatrixRMaj>> params = new ArrayList<>();
            List<Cell> cells = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                Map<String, DMatrixRMaj> p = Initializer.scaled(spec.cell(), base.get(k), scale);
                params.add(p);
                cells.add(cell(k, p, scale, sc));
            }
            Trajectory[] tr;
            GradientFlow.Series[] series;
            double[] inputGradNorm;
            Stack stack = Stack.pytorch(cells, spec.layers(), spec.bidirectional(), spec.initialState(),
                    spec.steps(), spec.inputSize());
            try {
                tr = stack.forward(spec.inputs(), drives, DIRECTIONS);
            } catch (RunFailure e) {
                throw new RunFailure("run \"" + spec.label() + "\": " + e.getMessage(), e);
            }
            if (spec.single()) {
                // the engine's original path, bit for bit
                series = new GradientFlow.Series[] {
                    GradientFlow.backpropagate(cells.get(0), tr[0], spec.readout(), q.perUnit())};
                inputGradNorm = series[0].inputGradNorm;
            } else {
                if (sc.flow == null) {
                    sc.flow = new StackFlow.Workspace(stack);
                }
                StackFlow.Result r = StackFlow.backpropagate(stack, tr, spec.readout(), q.perUnit(), DIRECTIONS,
                        sc.flow);
                series = r.units;
                inputGradNorm = r.inputGradNorm;
            }
            List<LayerRun> layers = new ArrayList<>();
            List<Map<String, Spectra.Spectrum>> unscaled = q.spectra() ? baseSpectra() : null;
            for (int k = 0; k < count; k++) {
                JacobianProducts.Result products = null;
                if (q.productNorms() || q.productSingularValues()) {
                    int done = k * spec.steps();
                    int total = count * spec.steps();
                    JacobianProducts.Progress p = progress == null ? null
                            : (d, t) -> progress.step(done + d, total);
                    products = JacobianProducts.accumulate(cells.get(k), tr[k], q.productSingularValues(), p);
                }
                Map<String, Spectra.Spectrum> scaledSpectra = null;
                if (unscaled != null) {
                    scaledSpectra = new LinkedHashMap<>();
                    for (Map.Entry<String, Spectra.Spectrum> e : unscaled.get(k).entrySet()) {
                        scaledSpectra.put(e.getKey(), Spectra.scaled(e.getValue(), scale));
                    }
                }
                layers.add(new LayerRun(k / spec.directions(), k % spec.directions() == 1, params.get(k), tr[k],
                        series[k], products, scaledSpectra));
            }
            LayerRun first = layers.get(0);
            GradientFlow.Series top = spec.single() ? series[0] : new GradientFlow.Series(series[0].gradNorm,
                    series[0].gradNormH, series[0].gradNormC, inputGradNorm, series[0].unitGrad);
            return new RunResult(s, first.parameters(), first.trajectory(), top, first.products(), first.spectra(),
                    layers);
        }

        /** Whether the spectra are already decomposed, so that asking for them costs only a rescale. */
        public boolean spectraReady() {
            return baseSpectra != null;
        }

        private List<Map<String, Spectra.Spectrum>> baseSpectra() {
            List<Map<String, Spectra.Spectrum>> b = baseSpectra;
            if (b == null) {
                b = new ArrayList<>();
                for (Map<String, DMatrixRMaj> p : base) {
                    Map<String, Spectra.Spectrum> one = new LinkedHashMap<>();
                    for (String w : spec.cell().recurrentNames()) {
                        one.put(w, spectra.unscaled(p.get(w)));
                    }
                    b.add(one);
                }
                baseSpectra = List.copyOf(b);
            }
            return b;
        }
    }

    /** The most a prepared run keeps of an analysis's buffers for the next one, per analysis running at once. */
    static final long MAX_KEPT_SCRATCH_BYTES = 16L << 20;

    /** Buffers one analysis of a prepared run uses and drops: the scaled LSTM rows, the backpropagation's rows. */
    private static final class Scratch {
        final double[][][] w;
        final double[][][] wT;
        StackFlow.Workspace flow;

        Scratch(int units) {
            w = new double[units][][];
            wT = new double[units][][];
        }

        /** About the bytes it holds. */
        long bytes() {
            long doubles = 0;
            for (int k = 0; k < w.length; k++) {
                if (w[k] != null) {
                    doubles += 2L * w[k].length * w[k][0].length;
                }
            }
            return 8 * doubles + (flow == null ? 0 : flow.bytes());
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

    /**
     * Bytes a run of layers × directions units holds while it is analysed: each unit's {@link #bytesNeeded} (the Jacobian
     * products' matrices once: the units take their turns) and its
     * parameters in the arrangements the engine keeps of them: for an LSTM about eight copies of the recurrent
     * matrices (the drawn ones, their rows and transposed rows unscaled and at the W scale, the scaled parameters, and
     * the result's), for the other cells five (no unscaled rows are kept for them: the drawn ones, the scaled
     * parameters, the cell's rows and transposed rows, the result's), and five of the input matrices (the drawn ones
     * and the input side's three arrangements, the result's). Measured: an 8-layer bidirectional LSTM of 512 units
     * peaks at about 2.3 GB, this says 2.3 GB; before the parameters were counted it said 0.1 GB and the run was
     * started, to run out of memory a minute later. A 2-layer bidirectional GRU of 1024 units on 1024 inputs, T = 100,
     * gradients only, runs in a heap of 1.26 GB and not of 1.15 GB (a 4-layer one on 16 inputs: 0.91, not 0.84; a
     * 2-layer bidirectional tanh RNN: 0.42, not 0.37), this says 1.30 (0.92, 0.43); with the LSTM's eight copies it
     * said 1.60 (1.22, 0.53).
     * @param inputSize m, what layer 0 reads; the layers above read n per direction
     */
    public static long bytesNeeded(CellType cell, int hiddenSize, int inputSize, int layers, boolean bidirectional,
                                   int steps, Quantities q) {
        long n = hiddenSize;
        long gates = cell.gateCount();
        int directions = bidirectional ? 2 : 1;
        long doubles = 0;
        for (int l = 0; l < layers; l++) {
            long width = l == 0 ? inputSize : n * directions;
            doubles += directions * (recurrentCopies(cell) * gates * n * n + INPUT_COPIES * gates * n * width
                    + gates * n);
        }
        // the Jacobian products' matrices are made for one unit after another: counted once
        long d = cell.stateSize(hiddenSize);
        long products = q.productNorms() || q.productSingularValues() ? 8 * 8 * d * d : 0;
        return 8 * doubles + (long) layers * directions * (bytesNeeded(cell, hiddenSize, steps, q) - products)
                + products;
    }

    /**
     * Copies of a unit's recurrent matrices that an analysis holds (see bytesNeeded): the LSTM's prepared run also
     * keeps them as rows and transposed rows, unscaled and at the W scale.
     */
    private static long recurrentCopies(CellType cell) {
        return cell == CellType.LSTM ? 8 : 5;
    }

    /** Copies of a unit's input matrices that an analysis holds (see bytesNeeded). */
    private static final long INPUT_COPIES = 5;

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

    /**
     * Analyses runs concurrently on the executor, results in the order given. A single run is analysed on the calling
     * thread, which would only wait for it: handing it to a parked pool thread costs a wake-up (tens of µs) and
     * gains nothing.
     */
    public static List<RunResult> analyzeAll(List<Prepared> runs, double[] scales, Quantities q, Executor executor) {
        if (runs.size() == 1) {
            try {
                return List.of(runs.get(0).analyze(scales[0], q, null));
            } catch (CompletionException e) {
                throw e;
            } catch (RuntimeException | Error e) {
                // as the future's join would report it, so callers see the same exception either way
                throw new CompletionException(e);
            }
        }
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
