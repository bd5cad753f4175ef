package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class DashboardViewSmokeTest {
    private static final long TIMEOUT_S = 20;
    private static final int DEFAULT_RUNS = 4;

    private ExecutorService compute;
    private DashboardViewModel viewModel;

    @Start
    void start(Stage stage) throws IOException {
        compute = Executors.newSingleThreadExecutor();
        viewModel = new DashboardViewModel(compute, Platform::runLater);
        viewModel.loadDefault();
        stage.setScene(new Scene(DashboardView.load(viewModel), 1280, 800));
        stage.show();
        stage.requestFocus();
    }

    @AfterEach
    void stopComputing() {
        compute.shutdownNow();
    }

    @Test
    void movingTheSliderRedrawsTheChart(FxRobot robot) throws Exception {
        LineChart<?, ?> chart = robot.lookup("#chart").queryAs(LineChart.class);
        Slider slider = robot.lookup("#scaleSlider").queryAs(Slider.class);
        awaitFx(() -> chart.getData().size() == DEFAULT_RUNS && !chart.getData().get(0).getData().isEmpty());
        double before = onFx(() -> rnnAtZero(chart));

        robot.interact(() -> slider.setValue(2.5));

        awaitFx(() -> rnnAtZero(chart) != before);
        assertTrue(onFx(() -> rnnAtZero(chart)) > before);
        String summary = robot.lookup(".run-label").queryAs(Label.class).getText();
        assertEquals("rnn tanh", summary);
    }

    @Test
    void theArrowKeysAndTheFieldMoveTheScale(FxRobot robot) throws Exception {
        Slider slider = robot.lookup("#scaleSlider").queryAs(Slider.class);
        TextField field = robot.lookup("#scaleField").queryAs(TextField.class);
        robot.interact(slider::requestFocus);

        robot.type(KeyCode.RIGHT);

        assertEquals(1.05, viewModel.getScale(), 1e-9);
        assertEquals("1.05", field.getText());

        robot.interact(() -> {
            field.requestFocus();
            field.selectAll();
        });
        robot.write("0.4").type(KeyCode.ENTER);

        assertEquals(0.4, viewModel.getScale(), 1e-9);
        assertEquals(0.4, slider.getValue(), 1e-9);
        LineChart<?, ?> chart = robot.lookup("#chart").queryAs(LineChart.class);
        awaitFx(() -> viewModel.getResults().get(0).spec().scale() == 0.4);
        assertNotEquals(0, onFx(() -> chart.getData().get(0).getData().size()));
    }

    private static double rnnAtZero(LineChart<?, ?> chart) {
        return ((Number) chart.getData().get(0).getData().get(0).getYValue()).doubleValue();
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static void awaitFx(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT_S, TimeUnit.SECONDS, () -> onFx(condition));
    }
}
