package org.vanish.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vanish.importer.PyTorchReference.fixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * A file saved with _use_new_zipfile_serialization=False by a current torch was told to be "saved again with a
     * current torch"; an empty file was "not a PyTorch checkpoint". Both now say what they are.
     */
    @Test
    void legacyAndEmptyFilesSayWhatTheyAre(@TempDir Path dir) throws Exception {
        // the first 16 bytes of torch.save(sd, f, _use_new_zipfile_serialization=False) by torch 1.13
        byte[] legacy = {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20,
            0x6a, (byte) 0xa8, 0x50, 0x19, 0x2e, (byte) 0x80};
        Path old = Files.write(dir.resolve("legacy.pt"), legacy);
        ImportException e = assertThrows(ImportException.class,
                () -> ModelImport.run(old, ModelImport.Options.defaults()));
        assertEquals("legacy.pt: saved in torch's legacy format (torch before 1.6, or _use_new_zipfile_serialization"
                + "=False), which is not read here; load it in PyTorch and save it again with"
                + " torch.save(model.state_dict(), \"model.pt\")", e.getMessage());
        Path empty = Files.write(dir.resolve("empty.pt"), new byte[0]);
        e = assertThrows(ImportException.class, () -> ModelImport.run(empty, ModelImport.Options.defaults()));
        assertEquals("empty.pt: the file is empty (0 bytes); save the model again with"
                + " torch.save(model.state_dict(), \"model.pt\")", e.getMessage());
        // anything else that is not a zip keeps its line
        e = assertThrows(ImportException.class,
                () -> ModelImport.run(fixture("not_a_zip.pt"), ModelImport.Options.defaults()));
        assertTrue(e.getMessage().startsWith("not_a_zip.pt: not a PyTorch checkpoint"), e.getMessage());
    }
}
