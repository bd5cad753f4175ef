package org.vanish.importer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code nn.RNN}, {@code nn.LSTM} or {@code nn.GRU} found in a state_dict by its key prefix
 * ({@code PREFIX.weight_ih_l0}, {@code weight_hh_l0}, {@code bias_ih_l0}, {@code bias_hh_l0}, with {@code _l1}... for
 * layers and {@code _reverse} for the backward direction). The type comes from the shapes: weight_hh_l0 is G·n × n
 * with G = 1 (RNN), 4 (LSTM, gates i, f, g, o) or 3 (GRU, gates r, z, n).
 *
 * @param prefix the key prefix without its trailing dot ("" for a bare module)
 * @param inputSize m, the columns of weight_ih_l0
 * @param hasBias whether the module has bias vectors (PyTorch's {@code bias=True})
 */
public record RecurrentModule(String prefix, Kind kind, int inputSize, int hiddenSize, int layers,
                              boolean bidirectional, boolean hasBias, Map<String, Tensor> tensors) {

    /** PyTorch's recurrent module classes. */
    public enum Kind {
        RNN("nn.RNN", 1), LSTM("nn.LSTM", 4), GRU("nn.GRU", 3);

        public final String torchName;
        public final int gates;

        Kind(String torchName, int gates) {
            this.torchName = torchName;
            this.gates = gates;
        }
    }

    private static final Pattern KEY = Pattern.compile("^(?:(.*)\\.)?(weight|bias)_(ih|hh|hr)_l(\\d+)(_reverse)?$");

    /** 1 or 2. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /** The prefix as a user types it for --module; a bare module is "". */
    public String displayName() {
        return prefix.isEmpty() ? "(top level)" : prefix;
    }

    /** "rnn (nn.LSTM, input 16, hidden 32, 2 layers, bidirectional)". */
    public String describe() {
        return displayName() + " (" + kind.torchName + ", input " + inputSize + ", hidden " + hiddenSize + ", "
                + layers + (layers == 1 ? " layer" : " layers") + (bidirectional ? ", bidirectional" : "") + ")";
    }

    /** The tensor of one parameter, e.g. ("weight_ih", 1, true) for weight_ih_l1_reverse; null if absent. */
    public Tensor get(String base, int layer, boolean reverse) {
        return tensors.get(base + "_l" + layer + (reverse ? "_reverse" : ""));
    }

    /**
     * Every recurrent module of a state_dict, in the order its keys first appear.
     * @throws ImportException naming the key whose shape contradicts the others
     */
    public static List<RecurrentModule> find(Map<String, Tensor> stateDict) throws ImportException {
        Map<String, Map<String, Tensor>> byPrefix = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : stateDict.entrySet()) {
            Matcher m = KEY.matcher(e.getKey());
            if (m.matches()) {
                String prefix = m.group(1) == null ? "" : m.group(1);
                String rest = e.getKey().substring(prefix.isEmpty() ? 0 : prefix.length() + 1);
                byPrefix.computeIfAbsent(prefix, k -> new LinkedHashMap<>()).put(rest, e.getValue());
            }
        }
        List<RecurrentModule> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Tensor>> e : byPrefix.entrySet()) {
            out.add(of(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static RecurrentModule of(String prefix, Map<String, Tensor> t) throws ImportException {
        String at = prefix.isEmpty() ? "" : prefix + ".";
        for (String k : t.keySet()) {
            if (k.startsWith("weight_hr")) {
                throw new ImportException(at + k + ": an LSTM with proj_size is not supported (its h is projected;"
                        + " the cells here have none)");
            }
        }
        Tensor hh0 = t.get("weight_hh_l0");
        if (hh0 == null) {
            throw new ImportException(at + "weight_hh_l0 is missing, but " + at + new TreeSet<>(t.keySet()).first()
                    + " is there; the file holds part of a recurrent module");
        }
        if (hh0.dims() != 2 || hh0.shape()[1] == 0 || hh0.shape()[0] % hh0.shape()[1] != 0) {
            throw new ImportException(at + "weight_hh_l0 has shape " + hh0.shapeText() + "; a recurrent module's is"
                    + " [G*n, n] with G = 1 (RNN), 3 (GRU) or 4 (LSTM)");
        }
        int n = hh0.shape()[1];
        int g = hh0.shape()[0] / n;
        Kind kind = g == 1 ? Kind.RNN : g == 3 ? Kind.GRU : g == 4 ? Kind.LSTM : null;
        if (kind == null) {
            throw new ImportException(at + "weight_hh_l0 has shape " + hh0.shapeText() + ", " + g + " blocks of " + n
                    + " rows; allowed 1 (nn.RNN), 3 (nn.GRU) or 4 (nn.LSTM)");
        }
        int layers = 0;
        while (t.containsKey("weight_hh_l" + layers) || t.containsKey("weight_ih_l" + layers)) {
            layers++;
        }
        boolean bidirectional = t.containsKey("weight_hh_l0_reverse");
        boolean hasBias = t.containsKey("bias_ih_l0");
        Tensor ih0 = t.get("weight_ih_l0");
        if (ih0 == null || ih0.dims() != 2) {
            throw new ImportException(at + "weight_ih_l0 is " + (ih0 == null ? "missing" : "of shape " + ih0.shapeText())
                    + "; expected [" + g * n + ", input size]");
        }
        int m = ih0.shape()[1];
        int expected = 0;
        for (int l = 0; l < layers; l++) {
            for (int d = 0; d < (bidirectional ? 2 : 1); d++) {
                String sfx = "_l" + l + (d == 1 ? "_reverse" : "");
                expect(t, at, "weight_ih" + sfx, new int[] {g * n, l == 0 ? m : (bidirectional ? 2 : 1) * n});
                expect(t, at, "weight_hh" + sfx, new int[] {g * n, n});
                expected += 2;
                if (hasBias) {
                    expect(t, at, "bias_ih" + sfx, new int[] {g * n});
                    expect(t, at, "bias_hh" + sfx, new int[] {g * n});
                    expected += 2;
                }
            }
        }
        if (expected != t.size()) {
            List<String> extra = new ArrayList<>();
            for (String k : t.keySet()) {
                Matcher mt = KEY.matcher(k);
                mt.matches();
                int l = Integer.parseInt(mt.group(4));
                boolean rev = mt.group(5) != null;
                if (l >= layers || (rev && !bidirectional) || (mt.group(2).equals("bias") && !hasBias)) {
                    extra.add(at + k);
                }
            }
            throw new ImportException("the keys " + extra + " do not fit the module " + at + " (" + kind.torchName + ", "
                    + layers + " layers" + (bidirectional ? ", bidirectional" : "") + (hasBias ? "" : ", no biases")
                    + ")");
        }
        return new RecurrentModule(prefix, kind, m, n, layers, bidirectional, hasBias, Map.copyOf(t));
    }

    private static void expect(Map<String, Tensor> t, String at, String key, int[] shape) throws ImportException {
        Tensor x = t.get(key);
        if (x == null) {
            throw new ImportException(at + key + " is missing; the other keys describe a module that needs it");
        }
        if (!Arrays.equals(x.shape(), shape)) {
            throw new ImportException(at + key + " has shape " + x.shapeText() + ", but the module's other weights"
                    + " need " + Arrays.toString(shape));
        }
        if (!x.dtype().startsWith("float") && !x.dtype().equals("bfloat16")) {
            throw new ImportException(at + key + " holds " + x.dtype() + "; a recurrent weight is a floating-point"
                    + " tensor");
        }
    }
}
