package org.vanish.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vanish.importer.PyTorchReference.fixture;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportTextTest {

    private static RecurrentModule module(String prefix, RecurrentModule.Kind kind) {
        return new RecurrentModule(prefix, kind, 8, 12, 2, true, true, Map.of());
    }

    /** self.lstm = nn.LSTM(...) is how students write it; its legend read "lstm lstm · layer 1". */
    @Test
    void aPrefixThatOnlyRepeatsTheCellIsLeftOutOfTheLabel() throws Exception {
        assertEquals("lstm", ImportText.label(module("lstm", RecurrentModule.Kind.LSTM), "tanh"));
        assertEquals("gru (pytorch)", ImportText.label(module("GRU", RecurrentModule.Kind.GRU), "tanh"));
        assertEquals("rnn relu", ImportText.label(module("rnn", RecurrentModule.Kind.RNN), "relu"));
        // a prefix that says something stays
        assertEquals("lstm rnn", ImportText.label(module("rnn", RecurrentModule.Kind.LSTM), "tanh"));
        assertEquals("gru (pytorch) encoder.gru", ImportText.label(module("encoder.gru", RecurrentModule.Kind.GRU),
                "tanh"));
        assertEquals("lstm", ImportText.label(module("", RecurrentModule.Kind.LSTM), "tanh"));
        // the fixture's nn.RNN is saved as self.rnn
        ModelImport.Result r = ModelImport.run(fixture("rnn3_relu.pt"),
                new ModelImport.Options(null, "relu", null, null, null));
        assertEquals("rnn relu", r.preset().runs().get(0).label());
    }

    /** A relu nn.RNN imported without --nonlinearity is read as tanh; the import says so rather than nothing. */
    @Test
    void theAssumedNonlinearityOfAnRnnIsSaid() throws Exception {
        ModelImport.Result r = ModelImport.run(fixture("rnn1_relu.pt"), ModelImport.Options.defaults());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("nonlinearity: tanh")
                && n.contains("--nonlinearity relu")), r.notes().toString());
        // the readout stays the last note, which the description quotes
        assertTrue(r.notes().get(r.notes().size() - 1).contains("readout"), r.notes().toString());
        ModelImport.Result chosen = ModelImport.run(fixture("rnn1_relu.pt"),
                new ModelImport.Options(null, "relu", null, null, null));
        assertFalse(chosen.notes().stream().anyMatch(n -> n.startsWith("nonlinearity")), chosen.notes().toString());
        ModelImport.Result lstm = ModelImport.run(fixture("lstm1.pt"), ModelImport.Options.defaults());
        assertFalse(lstm.notes().stream().anyMatch(n -> n.startsWith("nonlinearity")), lstm.notes().toString());
    }
}
