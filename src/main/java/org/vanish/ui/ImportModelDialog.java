package org.vanish.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.vanish.importer.ImportException;
import org.vanish.importer.ModelImport;
import org.vanish.importer.RecurrentModule;
import org.vanish.importer.Tensor;

/**
 * File → Import model…: chooses a PyTorch checkpoint, reads it off the FX thread, asks what the file cannot say
 * (which module, an nn.RNN's nonlinearity, the embedding's vocabulary, the head's output) and shows the imported
 * preset. A bad file is a message in the error line; the picture on screen stays.
 */
final class ImportModelDialog {
    private final DashboardViewModel viewModel;
    private final Window owner;
    private final Consumer<ModelImport.Result> onImported;

    ImportModelDialog(DashboardViewModel viewModel, Window owner, Consumer<ModelImport.Result> onImported) {
        this.viewModel = viewModel;
        this.owner = owner;
        this.onImported = onImported;
    }

    /** Asks for the model file, then goes on in the background. On the FX thread. */
    void start() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import a PyTorch model (a state_dict or safetensors file)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PyTorch models (*.pt, *.pth, *.safetensors)",
                "*.pt", "*.pth", "*.safetensors"));
        if (Files.isDirectory(Path.of("models"))) {
            chooser.setInitialDirectory(Path.of("models").toAbsolutePath().toFile());
        }
        File f = chooser.showOpenDialog(owner);
        if (f != null) {
            inspect(f.toPath());
        }
    }

    void inspect(Path model) {
        viewModel.reportError("");
        CompletableFuture.supplyAsync(() -> call(() -> ModelImport.inspect(model)), viewModel.computeExecutor())
                .whenCompleteAsync((contents, error) -> {
                    if (error != null) {
                        viewModel.reportError(message(error));
                    } else {
                        ask(model, contents);
                    }
                }, viewModel.uiExecutor());
    }

    private void ask(Path model, ModelImport.Contents c) {
        List<RecurrentModule> modules = c.modules();
        if (modules.isEmpty()) {
            viewModel.reportError(model.getFileName() + ": no nn.RNN, nn.LSTM or nn.GRU in it");
            return;
        }
        RecurrentModule mod = modules.get(0);
        if (modules.size() > 1) {
            List<String> names = modules.stream().map(RecurrentModule::describe).toList();
            Optional<String> pick = choose("Which module?", model.getFileName() + " holds " + modules.size()
                    + " recurrent modules; one is imported.", names.get(0), names);
            if (pick.isEmpty()) {
                return;
            }
            mod = modules.get(names.indexOf(pick.get()));
        }
        String nonlinearity = null;
        if (mod.kind() == RecurrentModule.Kind.RNN) {
            Optional<String> pick = choose("nn.RNN's nonlinearity", "A state_dict does not record an nn.RNN's"
                    + " nonlinearity. Which did the model use?", "tanh", List.of("tanh", "relu"));
            if (pick.isEmpty()) {
                return;
            }
            nonlinearity = pick.get();
        }
        Path vocab = null;
        String embedding = c.embeddingFor(mod.inputSize());
        if (embedding != null) {
            Alert q = new Alert(Alert.AlertType.CONFIRMATION, "The model has an embedding, " + embedding + " ("
                    + c.tensors().get(embedding).shape()[0] + " words). With its vocabulary (a JSON list, a JSON object"
                    + " word → index, or one word a line) you can type sentences into the trained model.",
                    new ButtonType("Choose vocabulary…"), new ButtonType("Without"));
            q.setHeaderText("Words through the model's own embedding");
            q.initOwner(owner);
            Optional<ButtonType> answer = q.showAndWait();
            if (answer.isEmpty()) {
                return;
            }
            if (answer.get().getText().startsWith("Choose")) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("The vocabulary of " + model.getFileName());
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Vocabularies (*.json, *.txt)",
                        "*.json", "*.txt"));
                if (model.toAbsolutePath().getParent() != null) {
                    chooser.setInitialDirectory(model.toAbsolutePath().getParent().toFile());
                }
                File v = chooser.showOpenDialog(owner);
                vocab = v == null ? null : v.toPath();
            }
        }
        Integer output = null;
        String head = c.headFor(mod);
        if (head != null) {
            Tensor w = c.tensors().get(head);
            List<String> choices = new ArrayList<>();
            choices.add("a seeded unit vector");
            for (int k = 0; k < Math.min(w.shape()[0], 100); k++) {
                choices.add("logit " + k + " of " + head);
            }
            Optional<String> pick = choose("Readout", "A linear head (" + head + ") reads h_n. L = v·h_n with v its row"
                    + " for one output follows ∂ logit_k / ∂ …", choices.get(Math.min(1, choices.size() - 1)), choices);
            if (pick.isEmpty()) {
                return;
            }
            output = pick.get().startsWith("logit ") ? choices.indexOf(pick.get()) - 1 : null;
        }
        String prefix = mod.prefix();
        String theNonlinearity = nonlinearity;
        Path theVocab = vocab;
        Integer theOutput = output;
        int rows = embedding == null ? 0 : c.tensors().get(embedding).shape()[0];
        // the app asks for no sentence: one the vocabulary reads (the sentence field changes it afterwards)
        CompletableFuture.supplyAsync(() -> call(() -> ModelImport.run(model, new ModelImport.Options(prefix,
                        theNonlinearity, theVocab, theOutput, theVocab == null ? null
                        : ModelImport.readableText(theVocab, rows)))), viewModel.computeExecutor())
                .whenCompleteAsync((result, error) -> {
                    if (error != null) {
                        viewModel.reportError(message(error));
                    } else {
                        onImported.accept(result);
                    }
                }, viewModel.uiExecutor());
    }

    private Optional<String> choose(String header, String text, String initial, List<String> choices) {
        ChoiceDialog<String> d = new ChoiceDialog<>(initial, choices);
        d.setTitle("Import model");
        d.setHeaderText(header);
        d.setContentText(text);
        d.initOwner(owner);
        return d.showAndWait();
    }

    private interface Reading<T> {
        T read() throws ImportException;
    }

    private static <T> T call(Reading<T> r) {
        try {
            return r.read();
        } catch (ImportException e) {
            throw new CompletionException(e);
        }
    }

    private static String message(Throwable error) {
        Throwable c = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return c instanceof ImportException ? c.getMessage() : "import failed: " + c;
    }
}
