package org.vanish.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vanish.ui.FxWait.awaitFx;
import static org.vanish.ui.FxWait.onFx;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The presets gallery in a window: Ctrl+G opens it with the focus on the first tile and placeholders until the
 * thumbnails arrive (drawn off the FX thread); the arrow keys and Enter, or a double click, open the preset chosen.
 */
@ExtendWith(ApplicationExtension.class)
class PresetGalleryViewTest {
    private ExecutorService compute;
    private ExecutorService drawing;
    private DashboardViewModel viewModel;
    private TestDashboard dashboard;
    private Parent root;
    /** Holds every drawing until released, to see the gallery before its thumbnails. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final Set<String> drawnOn = ConcurrentHashMap.newKeySet();

    @TempDir
    Path cacheDir;

    @Start
    void start(Stage stage) throws IOException {
        compute = Executors.newSingleThreadExecutor();
        drawing = Executors.newSingleThreadExecutor();
        dashboard = TestDashboard.show(stage, compute, null);
        viewModel = dashboard.viewModel;
        root = dashboard.root;
    }

    @AfterEach
    void stopComputing() throws Exception {
        release.countDown();
        // the preset just opened is still being analysed and drawn: let it finish, so that nothing it publishes
        // reaches a stopped executor (TestFX would report that in the next test)
        for (int i = 0; i < 5; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            compute.submit(() -> { }).get(FxWait.TIMEOUT_S, TimeUnit.SECONDS);
        }
        awaitFx(() -> !viewModel.workingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        compute.shutdownNow();
        drawing.shutdownNow();
        dashboard.close();
    }

    /** A renderer that waits for release, notes its thread, and paints a flat thumbnail of the size asked. */
    private ThumbnailLoader.Renderer held() {
        return (entry, width, height, scale, cancelled) -> {
            drawnOn.add(Thread.currentThread().getName() + (Platform.isFxApplicationThread() ? " (FX)" : ""));
            release.await(FxWait.TIMEOUT_S, TimeUnit.SECONDS);
            java.awt.Dimension px = org.vanish.figure.ViewCharts.thumbnailPixels(width, height, scale);
            return new BufferedImage(px.width, px.height, BufferedImage.TYPE_INT_RGB);
        };
    }

    private GalleryTiles openGallery(FxRobot robot, ThumbnailLoader.Renderer renderer) throws Exception {
        DashboardView.useThumbnails(root, new ThumbnailLoader(new ThumbnailCache(cacheDir, "test"), renderer,
                drawing, Platform::runLater));
        robot.push(KeyCode.CONTROL, KeyCode.G);
        awaitFx(() -> robot.lookup("#preset-gallery").tryQuery().isPresent()
                && focusedTile(robot) != null);
        ScrollPane gallery = robot.lookup("#preset-gallery").queryAs(ScrollPane.class);
        return onFx(() -> (GalleryTiles) gallery.getProperties().get(GalleryTiles.class));
    }

    private static Node focusedTile(FxRobot robot) throws Exception {
        return onFx(() -> robot.lookup(".gallery-tile").queryAll().stream().filter(Node::isFocused).findFirst()
                .orElse(null));
    }

    private static Bounds onScreen(Node n) throws Exception {
        return onFx(() -> n.localToScreen(n.getBoundsInLocal()));
    }

    @Test
    void theGalleryOpensAtOnceFocusedOnTheFirstTileAndTheThumbnailsFollowDrawnOffTheFxThread(FxRobot robot)
            throws Exception {
        List<PresetGallery.Entry> entries = PresetGallery.list();
        GalleryTiles tiles = openGallery(robot, held());

        assertEquals("tile-default", focusedTile(robot).getId());
        assertEquals(0, (int) onFx(tiles::arrived), "the gallery is up before any thumbnail is drawn");
        assertEquals(entries.size(), (int) onFx(tiles::size));
        assertEquals(List.of("Dashboard", "Lecture", "Training lab"), onFx(() -> robot.lookup(".gallery-heading")
                .queryAll().stream().map(n -> ((javafx.scene.control.Label) n).getText()).toList()));

        release.countDown();
        awaitFx(() -> tiles.arrived() == entries.size());
        assertFalse(drawnOn.isEmpty());
        assertTrue(drawnOn.stream().noneMatch(t -> t.endsWith("(FX)")), drawnOn.toString());
        robot.type(KeyCode.ESCAPE);
        awaitFx(() -> robot.lookup("#preset-gallery").tryQuery().isEmpty());
        assertEquals("RNN, additive, LSTM and GRU side by side", onFx(() -> viewModel.presetNameProperty().get()));
    }

    @Test
    void theArrowKeysChooseAndEnterOpensThePresetChosen(FxRobot robot) throws Exception {
        release.countDown();
        openGallery(robot, held());
        Node first = focusedTile(robot);
        robot.type(KeyCode.RIGHT);
        Node second = focusedTile(robot);
        assertEquals(onScreen(first).getMinY(), onScreen(second).getMinY(), 1, "right: the next tile in the row");
        assertTrue(onScreen(second).getMinX() > onScreen(first).getMaxX());
        robot.type(KeyCode.DOWN);
        Node below = focusedTile(robot);
        assertNotEquals(second, below);
        assertTrue(onScreen(below).getMinY() > onScreen(second).getMaxY(), "down: the row below");
        assertEquals(onScreen(second).getCenterX(), onScreen(below).getCenterX(), 1, "down: the same column");
        String chosen = onFx(() -> ((javafx.scene.control.Label) ((javafx.scene.layout.VBox) below)
                .getChildren().get(1)).getText());

        robot.type(KeyCode.ENTER);

        awaitFx(() -> robot.lookup("#preset-gallery").tryQuery().isEmpty());
        assertEquals(chosen, onFx(() -> viewModel.presetNameProperty().get()));
    }

    @Test
    void aDoubleClickOpensAPreset(FxRobot robot) throws Exception {
        release.countDown();
        openGallery(robot, held());
        robot.doubleClickOn("#tile-lstm-forget-bias");
        awaitFx(() -> robot.lookup("#preset-gallery").tryQuery().isEmpty());
        assertEquals("LSTM forget-gate bias 0, 1 and 3", onFx(() -> viewModel.presetNameProperty().get()));
    }

    @Test
    void typingFiltersByName(FxRobot robot) throws Exception {
        release.countDown();
        GalleryTiles tiles = openGallery(robot, held());
        robot.type(KeyCode.P, KeyCode.H, KeyCode.A, KeyCode.S, KeyCode.E);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> shown = onFx(() -> robot.lookup(".gallery-tile").queryAll().stream().filter(Node::isVisible)
                .map(Node::getId).toList());
        assertEquals(List.of("tile-phase-diagram"), shown);
        assertEquals("tile-phase-diagram", focusedTile(robot).getId());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#preset-gallery").tryQuery().isPresent(), "Esc with a filter clears the filter only");
        assertEquals(PresetGallery.list().size(), (long) onFx(() -> robot.lookup(".gallery-tile").queryAll().stream()
                .filter(Node::isVisible).count()));
        robot.type(KeyCode.Q, KeyCode.Q);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(null, onFx(() -> tiles.focusedProperty().get()), "nothing matches: nothing to open");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#preset-gallery").tryQuery().isPresent(), "Enter with nothing shown opens nothing");
        robot.type(KeyCode.BACK_SPACE, KeyCode.BACK_SPACE);
        assertEquals("tile-default", focusedTile(robot).getId(), "the tiles come back, the focus with them");
        robot.type(KeyCode.P, KeyCode.H, KeyCode.A, KeyCode.S, KeyCode.E);
        robot.type(KeyCode.ENTER);
        awaitFx(() -> robot.lookup("#preset-gallery").tryQuery().isEmpty());
        assertEquals("Order and chaos: the phase diagram", onFx(() -> viewModel.presetNameProperty().get()));
    }
}
