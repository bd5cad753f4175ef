package org.vanish.importer;

import java.util.List;

/** The words an imported preset carries: its run's label and a description of what was converted and how. */
final class ImportText {
    private ImportText() {
    }

    /**
     * "lstm encoder.rnn", "rnn relu", "gru (pytorch)". A prefix that only repeats the cell's name (a student's
     * {@code self.lstm = nn.LSTM(...)}) is left out: "lstm", not "lstm lstm".
     */
    static String label(RecurrentModule mod, String nonlinearity) {
        String cell = mod.kind() == RecurrentModule.Kind.RNN ? "rnn " + nonlinearity
                : mod.kind() == RecurrentModule.Kind.LSTM ? "lstm" : "gru (pytorch)";
        String name = mod.kind().torchName.substring("nn.".length());
        return mod.prefix().isEmpty() || mod.prefix().equalsIgnoreCase(name) ? cell : cell + " " + mod.prefix();
    }

    /** What was imported from where, the conversion in words, and the last note (the readout). */
    static String description(RecurrentModule mod, String file, String nonlinearity, String embedding,
                                      String text, List<String> notes) {
        String conv;
        switch (mod.kind()) {
            case RNN:
                conv = "nn.RNN (" + nonlinearity + "): W_h = weight_hh, W_x = weight_ih, b = bias_ih + bias_hh";
                break;
            case LSTM:
                conv = "nn.LSTM's gate blocks i, f, g, o become the engine's i, f, c, o; each b_* is PyTorch's two bias"
                        + " vectors summed";
                break;
            default:
                conv = "nn.GRU is the engine's pytorch GRU variant (the reset acts after W_hn h + b_hn), with the update"
                        + " gate u = 1 − z so that u means the same in both GRUs";
                break;
        }
        return "A trained " + mod.kind().torchName + " imported from " + file + " (" + mod.hiddenSize() + " units, "
                + mod.layers() + (mod.layers() == 1 ? " layer" : " layers") + (mod.bidirectional() ? ", bidirectional" : "")
                + "). " + conv + "." + (embedding != null && text != null ? " The words go through the model's own"
                + " embedding (" + embedding + ")." : "") + " " + notes.get(notes.size() - 1);
    }
}
