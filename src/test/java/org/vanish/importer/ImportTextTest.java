package org.vanish.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
