package org.vanish.ui;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/**
 * The dashboard's controller: binds the gradient chart, the W scale slider and its field, the numbers per run
 * and the error line to a {@link DashboardViewModel}. Build it with {@link #load(DashboardViewModel)}.
 */
public final class DashboardView {
    static final String FXML = "/fxml/DashboardView.fxml";
    /** Series colours cycle after this many runs (as the chart's default-colorN classes do). */
    private static final int COLORS = 8;

    @FXML private Label titleLabel;
    @FXML private Label descriptionLabel;
    @FXML private LineChart<Number, Number> chart;
    @FXML private NumberAxis timeAxis;
    @FXML private Slider scaleSlider;
    @FXML private TextField scaleField;
    @FXML private GridPane summaryGrid;
    @FXML private Label statusLabel;
    @FXML private Label errorLabel;

    private final DashboardViewModel viewModel;
    // bidirectional bindings hold both ends weakly: keep the boxed view of the scale alive with the view
    private ObjectProperty<Double> scaleValue;
    private final List<Label[]> summaryRows = new ArrayList<>();

    public DashboardView(DashboardViewModel viewModel) {
        this.viewModel = viewModel;
    }

    /** Loads {@code DashboardView.fxml} with a controller bound to viewModel; returns its root. */
    public static Parent load(DashboardViewModel viewModel) throws IOException {
        FXMLLoader loader = new FXMLLoader(DashboardView.class.getResource(FXML));
        loader.setControllerFactory(type -> {
            if (type != DashboardView.class) {
                throw new IllegalArgumentException(FXML + " asks for an unknown controller " + type.getName());
            }
            return new DashboardView(viewModel);
        });
        return loader.load();
    }

    @FXML
    private void initialize() {
        titleLabel.textProperty().bind(viewModel.presetNameProperty());
        descriptionLabel.textProperty().bind(viewModel.descriptionProperty());
        timeAxis.upperBoundProperty().bind(viewModel.stepsProperty());
        timeAxis.tickUnitProperty().bind(Bindings.createDoubleBinding(
                () -> DashboardViewModel.timeTickUnit(viewModel.stepsProperty().get()), viewModel.stepsProperty()));
        scaleSlider.setMin(DashboardViewModel.MIN_SCALE);
        scaleSlider.setMax(DashboardViewModel.MAX_SCALE);
        scaleSlider.valueProperty().bindBidirectional(viewModel.scaleProperty());
        scaleValue = viewModel.scaleProperty().asObject();
        TextFormatter<Double> typed = new TextFormatter<>(new ScaleText(), viewModel.getScale());
        typed.valueProperty().bindBidirectional(scaleValue);
        scaleField.setTextFormatter(typed);
        statusLabel.textProperty().bind(viewModel.statusProperty());
        errorLabel.textProperty().bind(viewModel.errorProperty());
        errorLabel.visibleProperty().bind(viewModel.errorProperty().isEmpty().not());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        viewModel.curvesProperty().addListener((obs, was, now) -> showCurves(now));
        viewModel.summariesProperty().addListener((obs, was, now) -> showSummaries(now));
        showCurves(viewModel.curvesProperty().get());
        showSummaries(viewModel.summariesProperty().get());
    }

    private void showCurves(List<Curve> curves) {
        ObservableList<XYChart.Series<Number, Number>> series = chart.getData();
        if (series.size() != curves.size()) {
            // a stable series per run keeps its colour while the slider moves
            List<XYChart.Series<Number, Number>> fresh = new ArrayList<>();
            for (Curve c : curves) {
                fresh.add(new XYChart.Series<>(c.label(), FXCollections.observableArrayList()));
            }
            series.setAll(fresh);
        }
        for (int i = 0; i < curves.size(); i++) {
            Curve c = curves.get(i);
            List<XYChart.Data<Number, Number>> points = new ArrayList<>(c.size());
            for (int k = 0; k < c.size(); k++) {
                points.add(new XYChart.Data<>(c.t()[k], c.logNorm()[k]));
            }
            series.get(i).setName(c.label());
            series.get(i).getData().setAll(points);
        }
    }

    private void showSummaries(List<RunSummary> summaries) {
        if (summaryRows.size() != summaries.size()) {
            summaryGrid.getChildren().clear();
            summaryRows.clear();
            for (int i = 0; i < summaries.size(); i++) {
                Region swatch = new Region();
                swatch.getStyleClass().addAll("swatch", "swatch" + i % COLORS);
                Label[] row = {new Label(), new Label(), new Label(), new Label()};
                row[0].getStyleClass().add("run-label");
                summaryGrid.addRow(i, swatch, row[0], row[1], row[2], row[3]);
                summaryRows.add(row);
            }
        }
        for (int i = 0; i < summaries.size(); i++) {
            RunSummary s = summaries.get(i);
            Label[] row = summaryRows.get(i);
            row[0].setText(s.label());
            row[1].setText(s.spectralRadiusText());
            row[2].setText(s.largestSingularValueText());
            row[3].setText(s.gradientText());
        }
    }

    /** The field's text: two decimals out, anything in range in; a bad entry reverts to the current scale. */
    private static final class ScaleText extends StringConverter<Double> {
        @Override
        public String toString(Double s) {
            return s == null ? "" : DashboardViewModel.formatScale(s);
        }

        @Override
        public Double fromString(String text) {
            return DashboardViewModel.parseScale(text);
        }
    }
}
