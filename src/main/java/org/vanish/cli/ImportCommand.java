package org.vanish.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vanish.files.AtomicFile;
import org.vanish.importer.ImportException;
import org.vanish.importer.ModelImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vanish import MODEL --out PRESET.json [--module PREFIX] [--nonlinearity tanh|relu] [--vocab FILE]
 * [--output K] [--text SENTENCE]}: one recurrent module of a PyTorch checkpoint as a preset with explicit parameters.
 * The pickle is read with a whitelist and nothing in it runs; a bad file is one line and exit code 2, and nothing is
 * written.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Imports an nn.RNN, nn.LSTM or nn.GRU from a PyTorch state_dict (a .pt or .pth file, or"
                + " safetensors) as a preset with explicit parameters.",
            "Save a model's weights with torch.save(model.state_dict(), \"model.pt\"); nothing in the file is executed."})
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "a .pt/.pth state_dict or a .safetensors file")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "PRESET.json", description = "the preset to write")
    Path out;

    @Option(names = "--module", paramLabel = "PREFIX",
            description = "the key prefix of the module to import, when the file holds several (e.g. encoder.rnn)")
    String module;

    @Option(names = "--nonlinearity", paramLabel = "tanh|relu",
            description = "an nn.RNN's nonlinearity, which a state_dict does not record (default tanh)")
    String nonlinearity;

    @Option(names = "--vocab", paramLabel = "FILE",
            description = "the embedding's vocabulary: a JSON list, a JSON object token -> index, or one token a line")
    Path vocab;

    @Option(names = "--output", paramLabel = "K",
            description = "the readout is row K of the linear head reading h_n (the gradient of logit K)")
    Integer output;

    @Option(names = "--text", paramLabel = "SENTENCE",
            description = "the sentence the model reads through its embedding (default: \"" + ModelImport.DEFAULT_TEXT
                    + "\")")
    String text;

    @Override
    public Integer call() throws Exception {
        if (Files.isDirectory(out)) {
            throw new Errors.UserError("--out: " + out + " is a folder; give a file name");
        }
        ModelImport.Result r;
        try {
            r = ModelImport.run(model, new ModelImport.Options(module, nonlinearity, vocab, output, text));
        } catch (ImportException e) {
            throw new Errors.UserError(e.getMessage());
        }
        AtomicFile.write(out, r.json());
        for (String note : r.notes()) {
            System.out.println(note);
        }
        System.out.println("wrote " + out);
        return 0;
    }
}
