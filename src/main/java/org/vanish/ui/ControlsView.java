package org.vanish.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.util.StringConverter;
import org.vanish.engine.Activation;
import org.vanish.engine.CellType;
import org.vanish.engine.InitScheme;
import org.vanish.preset.InputSpec;

/** The controls panel's controller: binds every control of {@code ControlsView.fxml} to a {@link ControlsViewModel}. */
public final class ControlsView {
    static final String FXML = "/fxml/ControlsView.fxml";

    @FXML private CheckBox rnnCheck;
    @FXML private CheckBox additiveCheck;
    @FXML private CheckBox lstmCheck;
    @FXML private CheckBox gruCheck;
    @FXML private CheckBox gruPytorchCheck;
    @FXML private ChoiceBox<Activation> activationBox;
    @FXML private Slider scaleSlider;
    @FXML private TextField scaleField;
    @FXML private Label scaleMessage;
    @FXML private Slider stepsSlider;
    @FXML private TextField stepsField;
    @FXML private Label stepsMessage;
    @FXML private Slider hiddenSlider;
    @FXML private TextField hiddenField;
    @FXML private Label hiddenMessage;
    @FXML private Slider layersSlider;
    @FXML private TextField layersField;
    @FXML private Label layersMessage;
    @FXML private CheckBox bidirectionalCheck;
    @FXML private Label weightsNote;
    @FXML private ChoiceBox<InitScheme> initBox;
    @FXML private Slider gainSlider;
    @FXML private TextField gainField;
    @FXML private Label gainMessage;
    @FXML private TextField seedField;
    @FXML private Label seedMessage;
    @FXML private Slider bfSlider;
    @FXML private TextField bfField;
    @FXML private Label bfMessage;
    @FXML private Slider biSlider;
    @FXML private TextField biField;
    @FXML private Label biMessage;
    @FXML private Slider boSlider;
    @FXML private TextField boField;
    @FXML private Label boMessage;
    @FXML private Slider buSlider;
    @FXML private TextField buField;
    @FXML private Label buMessage;
    @FXML private Slider brSlider;
    @FXML private TextField brField;
    @FXML private Label brMessage;
    @FXML private ChoiceBox<String> inputKindBox;
    @FXML private Slider inputScaleSlider;
    @FXML private TextField inputScaleField;
    @FXML private Label inputScaleMessage;
    @FXML private TextField inputTextField;
    @FXML private ChoiceBox<String> readoutBox;
    @FXML private Label panelMessage;

    private final ControlsViewModel viewModel;
    // the fields hold their listeners; keep them with the view
    private final List<NumberField> numbers = new ArrayList<>();
    private final List<Object> held = new ArrayList<>();

    public ControlsView(ControlsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        rnnCheck.selectedProperty().bindBidirectional(viewModel.cellProperty(CellType.RNN));
        additiveCheck.selectedProperty().bindBidirectional(viewModel.cellProperty(CellType.ADDITIVE));
        lstmCheck.selectedProperty().bindBidirectional(viewModel.cellProperty(CellType.LSTM));
        gruCheck.selectedProperty().bindBidirectional(viewModel.cellProperty(CellType.GRU));
        gruPytorchCheck.selectedProperty().bindBidirectional(viewModel.pytorchGruProperty());
        activationBox.setItems(FXCollections.observableList(Arrays.asList(Activation.values())));
        activationBox.setConverter(ids(Activation::id, Activation::fromId));
        activationBox.valueProperty().bindBidirectional(viewModel.activationProperty());
        activationBox.disableProperty().bind(viewModel.cellProperty(CellType.RNN).not()
                .and(viewModel.cellProperty(CellType.ADDITIVE).not()));
        initBox.setItems(FXCollections.observableList(Arrays.asList(InitScheme.values())));
        initBox.setConverter(ids(InitScheme::id, InitScheme::fromId));
        initBox.valueProperty().bindBidirectional(viewModel.initProperty());

        scaleSlider.setBlockIncrement(0.05);
        scaleSlider.setMajorTickUnit(1);
        numbers.add(NumberField.bind(scaleSlider, scaleField, scaleMessage, viewModel.scaleProperty(),
                ControlsViewModel.SCALE));
        stepsSlider.setBlockIncrement(0.1);
        numbers.add(NumberField.bind(stepsSlider, stepsField, stepsMessage, viewModel.stepsProperty(),
                ControlsViewModel.STEPS));
        stepsSlider.disableProperty().bind(viewModel.stepsFromInputProperty());
        stepsField.disableProperty().bind(viewModel.stepsFromInputProperty());
        hiddenSlider.setBlockIncrement(0.1);
        numbers.add(NumberField.bind(hiddenSlider, hiddenField, hiddenMessage, viewModel.hiddenSizeProperty(),
                ControlsViewModel.HIDDEN));
        gainSlider.setBlockIncrement(0.05);
        numbers.add(NumberField.bind(gainSlider, gainField, gainMessage, viewModel.gainProperty(),
                ControlsViewModel.GAIN));
        numbers.add(NumberField.bind(null, seedField, seedMessage, viewModel.seedProperty(), ControlsViewModel.SEED));
        layersSlider.setBlockIncrement(1);
        layersSlider.setMajorTickUnit(1);
        layersSlider.setSnapToTicks(true);
        numbers.add(NumberField.bind(layersSlider, layersField, layersMessage, viewModel.layersProperty(),
                NetworkControls.LAYERS));
        bidirectionalCheck.selectedProperty().bindBidirectional(viewModel.bidirectionalProperty());
        weightsNote.textProperty().bind(viewModel.weightsNoteProperty());
        weightsNote.managedProperty().bind(viewModel.weightsNoteProperty().isEmpty().not());
        weightsNote.visibleProperty().bind(weightsNote.managedProperty());
        // controls that draw nothing for weights from a file: disabled, and their row's name says why on hover
        // (a disabled control shows no tooltip of its own)
        fromFile(viewModel.drawnProperty(), hiddenSlider, hiddenField, initBox, gainSlider, gainField, layersSlider,
                layersField);
        fromFile(viewModel.seedUsedProperty(), seedField);
        bidirectionalCheck.disableProperty().bind(viewModel.drawnProperty().not());
        bias(bfSlider, bfField, bfMessage, "b_f", CellType.LSTM);
        bias(biSlider, biField, biMessage, "b_i", CellType.LSTM);
        bias(boSlider, boField, boMessage, "b_o", CellType.LSTM);
        bias(buSlider, buField, buMessage, "b_u", CellType.GRU);
        bias(brSlider, brField, brMessage, "b_r", CellType.GRU);

        inputKindBox.setItems(FXCollections.observableList(ControlsViewModel.INPUT_KINDS));
        inputKindBox.valueProperty().bindBidirectional(viewModel.inputKindProperty());
        inputScaleSlider.setBlockIncrement(0.05);
        numbers.add(NumberField.bind(inputScaleSlider, inputScaleField, inputScaleMessage,
                viewModel.inputScaleProperty(), ControlsViewModel.INPUT_SCALE));
        inputScaleSlider.disableProperty().bind(viewModel.inputKindProperty().isEqualTo(InputSpec.ZEROS));
        inputTextField.textProperty().bindBidirectional(viewModel.inputTextProperty());
        inputTextField.disableProperty().bind(viewModel.inputKindProperty().isNotEqualTo(InputSpec.TEXT));

        readoutBox.setItems(FXCollections.observableList(ControlsViewModel.READOUTS));
        readoutBox.valueProperty().bindBidirectional(viewModel.readoutProperty());

        panelMessage.textProperty().bind(viewModel.messageProperty());
        panelMessage.managedProperty().bind(viewModel.messageProperty().isEmpty().not());
        panelMessage.visibleProperty().bind(panelMessage.managedProperty());
    }

    private void bias(Slider slider, TextField field, Label message, String name, CellType cell) {
        slider.setBlockIncrement(0.1);
        numbers.add(NumberField.bind(slider, field, message, viewModel.biasProperty(name),
                new NumberSpec(name, ControlsViewModel.BIAS.min(), ControlsViewModel.BIAS.max(), false, false, 2)));
        javafx.beans.binding.BooleanBinding off = viewModel.cellProperty(cell).not()
                .or(viewModel.drawnProperty(cell).not());
        slider.disableProperty().bind(off);
        field.disableProperty().bind(off);
        explainOnRow(field, viewModel.drawnProperty(cell).not().and(viewModel.cellProperty(cell)));
    }

    /** Disables controls while applies is false; the name of their row then says why on hover. */
    private void fromFile(javafx.beans.value.ObservableBooleanValue applies, javafx.scene.control.Control... controls) {
        javafx.beans.binding.BooleanBinding off = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !applies.get(), applies);
        for (javafx.scene.control.Control c : controls) {
            c.disableProperty().bind(off);
            explainOnRow(c, off);
        }
    }

    /** Shows {@link NetworkControls#FROM_FILE} on hover over the name of control's row while when is true. */
    private void explainOnRow(javafx.scene.Node control, javafx.beans.value.ObservableBooleanValue when) {
        held.add(when);   // a binding made here is referenced weakly by what it observes
        Integer row = javafx.scene.layout.GridPane.getRowIndex(control);
        Label name = control.getParent().getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof Label && java.util.Objects.equals(javafx.scene.layout.GridPane.getRowIndex(n), row)
                        && javafx.scene.layout.GridPane.getColumnIndex(n) != null
                        && javafx.scene.layout.GridPane.getColumnIndex(n) == 0)
                .map(Label.class::cast).findFirst().orElse(null);
        if (name == null) {
            return;
        }
        javafx.scene.control.Tooltip why = new javafx.scene.control.Tooltip(NetworkControls.FROM_FILE);
        why.setWrapText(true);
        why.setMaxWidth(420);
        Runnable update = () -> name.setTooltip(when.get() ? why : null);
        when.addListener((obs, was, now) -> update.run());
        update.run();
    }

    private static <E> StringConverter<E> ids(java.util.function.Function<E, String> id,
                                              java.util.function.Function<String, E> fromId) {
        return new StringConverter<>() {
            @Override
            public String toString(E e) {
                return e == null ? "" : id.apply(e);
            }

            @Override
            public E fromString(String s) {
                return fromId.apply(s.toLowerCase(Locale.ROOT));
            }
        };
    }
}
