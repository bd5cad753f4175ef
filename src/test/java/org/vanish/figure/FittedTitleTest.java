package org.vanish.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.canvas.Canvas;
import org.jfree.fx.FXGraphics2D;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A title that does not fit takes a smaller font, measured as the app draws it: on JavaFX's FXGraphics2D, whose
 * {@code getFontMetrics(font)} answers with the metrics of the font it currently has (so a 28 px title measured while
 * an 18 px subtitle was set looked half as wide, fitted, and was then cut short on screen at 1280×800).
 */
class FittedTitleTest {
    private static final String LONG = "Which words reach the output: from \"keys\" to \"are\"";

    @BeforeAll
    static void toolkit() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // another test started it
        }
    }

    @Test
    void widthsOnTheScreensGraphicsAreThoseOfTheFontAsked() throws Exception {
        Graphics2D awt = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB).createGraphics();
        double expected = awt.getFontMetrics(SlideStyle.TITLE).getStringBounds(LONG, awt).getWidth();
        double[] onFx = CompletableFuture.supplyAsync(() -> {
            FXGraphics2D g2 = new FXGraphics2D(new Canvas(540, 460).getGraphicsContext2D());
            g2.setFont(SlideStyle.SUBTITLE);
            double w = FittedTitle.width(g2, SlideStyle.TITLE, LONG);
            Font fitted = FittedTitle.fit(LONG, SlideStyle.TITLE, 760, g2);
            return new double[] {w, fitted.getSize2D(), FittedTitle.width(g2, fitted, LONG),
                g2.getFont().getSize2D()};
        }, Platform::runLater).get(60, TimeUnit.SECONDS);
        assertEquals(expected, onFx[0], 0.02 * expected, "the 28 px title's width, not the current 18 px font's");
        assertTrue(expected > 760, "the title should be too wide for the room at 28 px, or the fit shows nothing");
        assertTrue(onFx[1] < SlideStyle.TITLE.getSize2D() && onFx[1] >= FittedTitle.MIN_SIZE, "fitted size " + onFx[1]);
        assertTrue(onFx[2] <= 760, "fitted width " + onFx[2]);
        assertEquals(SlideStyle.SUBTITLE.getSize2D(), onFx[3], "the graphics keeps its own font");
    }

    @Test
    void aTitleThatFitsKeepsTheSlidesSizeAndOneThatCannotEndsAtTheSmallest() {
        Graphics2D g2 = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB).createGraphics();
        assertEquals(SlideStyle.TITLE, FittedTitle.fit("Gradient norm over time", SlideStyle.TITLE, 760, g2));
        assertEquals(FittedTitle.MIN_SIZE, FittedTitle.fit(LONG + LONG, SlideStyle.TITLE, 760, g2).getSize2D());
    }
}
