package org.vanish.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The fixtures of src/test/resources/importer/ and PyTorch autograd's gradients for them (make_fixtures.py). */
final class PyTorchReference {
    /** Agreement with PyTorch autograd in float64, in log10. */
    static final double LOG10_TOLERANCE = 1e-9;

    private static JsonNode models;

    private PyTorchReference() {
    }

    static Path fixture(String name) {
        try {
            return Path.of(PyTorchReference.class.getResource("/importer/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name + "; run make_fixtures.py", e);
        }
    }

    static synchronized JsonNode model(String name) {
        if (models == null) {
            try {
                models = new ObjectMapper().readTree(fixture("reference.json").toFile()).get("models");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return models.get(name);
    }

    static double[][] matrix(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            out[i] = vector(rows.get(i));
        }
        return out;
    }

    static double[] vector(JsonNode v) {
        double[] out = new double[v.size()];
        for (int i = 0; i < v.size(); i++) {
            out[i] = v.get(i).isNull() ? Double.NEGATIVE_INFINITY : v.get(i).asDouble();
        }
        return out;
    }
}
