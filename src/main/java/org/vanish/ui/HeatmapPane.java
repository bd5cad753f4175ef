package org.vanish.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.jfree.chart.fx.ChartViewer;

/** The heatmap's tab of the dashboard: the run and layer choosers above the chart. */
final class HeatmapPane {
    private HeatmapPane() {
    }

    /**
     * The heatmap's tab: the run chooser (and the layer chooser, for stacked runs) above the chart. The chart draws the one result the view-model computed
     * for the chosen run, so a new choice shows when its per-unit gradients arrive.
     */
    static Node create(ChartViewer viewer, DashboardViewModel viewModel) {
        ComboBox<String> runs = new ComboBox<>();
        runs.setId("heatmapRunBox");
        runs.setTooltip(new Tooltip("The run whose per-unit gradients and gates the heatmap shows"));
        boolean[] filling = {false};
        Runnable fill = () -> {
            filling[0] = true;
            try {
                runs.getItems().setAll(viewModel.runLabelsProperty().get());
                runs.setValue(viewModel.heatmapRunProperty().get());
            } finally {
                filling[0] = false;
            }
        };
        fill.run();
        viewModel.runLabelsProperty().addListener((obs, was, now) -> fill.run());
        viewModel.heatmapRunProperty().addListener((obs, was, now) -> {
            if (!filling[0] && now != null && !now.equals(runs.getValue())) {
                runs.setValue(now);
            }
        });
        runs.valueProperty().addListener((obs, was, now) -> {
            if (!filling[0] && now != null) {
                viewModel.heatmapRunProperty().set(now);
            }
        });
        Label label = new Label("run");
        label.getStyleClass().add("control-label");
        HBox bar = new HBox(10, label, runs, LayerBar.create(viewModel.layers(), DashboardViewModel.HEATMAP));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("view-bar");
        bar.setPadding(new Insets(6, 10, 6, 10));
        BorderPane pane = new BorderPane(viewer);
        pane.setTop(bar);
        return pane;
    }
}
