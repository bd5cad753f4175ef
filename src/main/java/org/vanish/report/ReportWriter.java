package org.vanish.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.vanish.engine.CellType;
import org.vanish.engine.LayerRun;
import org.vanish.engine.RunResult;
import org.vanish.engine.RunSpec;
import org.vanish.engine.Spectra;

/**
 * Writes the {@value #FORMAT} JSON report: per run the exact parameters, inputs, initial state and readout
 * used, and every quantity as arrays indexed by t. log10 of an exact zero is written as null.
 * Field names are an interface users script against: keep them stable.
 */
public final class ReportWriter {
    public static final String FORMAT = "vanish-report/1";

    private ReportWriter() {
    }

    /** Streams the report of results to out (not closed). */
    public static void write(List<RunResult> results, OutputStream out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        g.setPrettyPrinter(new CompactArrays());
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        g.writeArrayFieldStart("runs");
        for (RunResult r : results) {
            writeRun(g, r);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
    }

    private static void writeRun(JsonGenerator g, RunResult r) throws IOException {
        RunSpec s = r.spec();
        CellType cell = s.cell();
        int n = s.hiddenSize();
        g.writeStartObject();
        g.writeStringField("label", s.label());
        g.writeStringField("cell", cell.id());
        g.writeStringField("activation", s.activation().id());
        g.writeNumberField("hiddenSize", n);
        g.writeNumberField("inputSize", s.inputSize());
        g.writeNumberField("steps", s.steps());
        g.writeNumberField("scale", s.scale());
        g.writeNumberField("layers", s.layers());
        g.writeBooleanField("bidirectional", s.bidirectional());
        if (cell == CellType.GRU) {
            g.writeStringField("gruVariant", s.gruVariant().id());
        }

        // as the preset writes them: a map for one layer in one direction, else a list of maps in layerSeries order
        if (s.single()) {
            g.writeFieldName("parameters");
            writeParameters(g, r.parameters(), s);
        } else {
            g.writeArrayFieldStart("parameters");
            for (LayerRun lr : r.layers()) {
                writeParameters(g, lr.parameters(), s);
            }
            g.writeEndArray();
        }
        g.writeFieldName("inputs");
        writeMatrix(g, s.inputs(), s.steps(), s.inputSize());
        g.writeObjectFieldStart("initialState");
        g.writeFieldName("h");
        writeArray(g, s.initialState(), 0, n, false);
        if (cell.hasCellState()) {
            g.writeFieldName("c");
            writeArray(g, s.initialState(), n, n, false);
        }
        g.writeEndObject();
        g.writeFieldName("readout");
        writeArray(g, s.readout(), 0, s.readout().length, false);

        g.writeObjectFieldStart("series");
        g.writeFieldName("log10GradNorm");
        writeLog(g, r.series().gradNorm);
        if (r.series().gradNormH != null) {
            g.writeFieldName("log10GradNormH");
            writeLog(g, r.series().gradNormH);
            g.writeFieldName("log10GradNormC");
            writeLog(g, r.series().gradNormC);
        }
        g.writeFieldName("log10InputGradNorm");
        writeLog(g, r.series().inputGradNorm);
        if (r.products() != null && r.products().norm != null) {
            g.writeFieldName("log10JacobianProductNorm");
            writeLog(g, r.products().norm);
        }
        g.writeEndObject();

        g.writeArrayFieldStart("layerSeries");
        for (LayerRun lr : r.layers()) {
            g.writeStartObject();
            g.writeNumberField("layer", lr.layer());
            g.writeStringField("direction", lr.direction());
            g.writeFieldName("log10GradNorm");
            writeLog(g, lr.series().gradNorm);
            if (lr.series().gradNormH != null) {
                g.writeFieldName("log10GradNormH");
                writeLog(g, lr.series().gradNormH);
                g.writeFieldName("log10GradNormC");
                writeLog(g, lr.series().gradNormC);
            }
            if (lr.products() != null && lr.products().norm != null) {
                g.writeFieldName("log10JacobianProductNorm");
                writeLog(g, lr.products().norm);
            }
            g.writeEndObject();
        }
        g.writeEndArray();

        g.writeObjectFieldStart("spectra");
        if (r.spectra() != null) {
            writeSpectra(g, r.spectra());
        }
        if (r.products() != null && r.products().productSingularValues != null) {
            g.writeFieldName("log10ProductSingularValues");
            writeLog(g, r.products().productSingularValues);
        }
        g.writeEndObject();
        if (r.spectra() != null) {
            g.writeArrayFieldStart("layerSpectra");
            for (LayerRun lr : r.layers()) {
                g.writeStartObject();
                g.writeNumberField("layer", lr.layer());
                g.writeStringField("direction", lr.direction());
                writeSpectra(g, lr.spectra());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeParameters(JsonGenerator g, Map<String, DMatrixRMaj> params, RunSpec s)
            throws IOException {
        List<String> biases = s.cell().biasNames(s.gruVariant());
        g.writeStartObject();
        for (Map.Entry<String, DMatrixRMaj> e : params.entrySet()) {
            g.writeFieldName(e.getKey());
            DMatrixRMaj m = e.getValue();
            if (biases.contains(e.getKey())) {
                writeArray(g, m.data, 0, m.numRows, false);
            } else {
                writeMatrix(g, m.data, m.numRows, m.numCols);
            }
        }
        g.writeEndObject();
    }

    /** eigenvalues ([re, im] by modulus descending) and singularValues (descending) of each recurrent matrix. */
    private static void writeSpectra(JsonGenerator g, Map<String, Spectra.Spectrum> spectra) throws IOException {
        g.writeObjectFieldStart("eigenvalues");
        for (Map.Entry<String, Spectra.Spectrum> e : spectra.entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (double[] ev : e.getValue().eigenvalues) {
                writeArray(g, ev, 0, 2, false);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("singularValues");
        for (Map.Entry<String, Spectra.Spectrum> e : spectra.entrySet()) {
            g.writeFieldName(e.getKey());
            writeArray(g, e.getValue().singularValues, 0, e.getValue().singularValues.length, false);
        }
        g.writeEndObject();
    }

    private static void writeMatrix(JsonGenerator g, double[] data, int rows, int cols) throws IOException {
        g.writeStartArray();
        for (int i = 0; i < rows; i++) {
            writeArray(g, data, i * cols, cols, false);
        }
        g.writeEndArray();
    }

    private static void writeLog(JsonGenerator g, double[] values) throws IOException {
        writeArray(g, values, 0, values.length, true);
    }

    /** Writes values; with nullForMinusInfinity, -∞ (log10 of an exact zero) is written as null. */
    private static void writeArray(JsonGenerator g, double[] values, int off, int len, boolean nullForMinusInfinity)
            throws IOException {
        g.writeStartArray();
        for (int i = 0; i < len; i++) {
            double v = values[off + i];
            if (nullForMinusInfinity && v == Double.NEGATIVE_INFINITY) {
                g.writeNull();
            } else if (!Double.isFinite(v)) {
                throw new IllegalStateException("non-finite value " + v + " in a report");
            } else {
                g.writeNumber(v);
            }
        }
        g.writeEndArray();
    }

    /** Indents objects but keeps arrays of numbers on one line, so a report stays readable. */
    private static final class CompactArrays extends DefaultPrettyPrinter {
        private static final long serialVersionUID = 1L;

        CompactArrays() {
            _arrayIndenter = NopIndenter.instance;
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new CompactArrays();
        }
    }
}
