package org.vanish.ui;

import java.awt.image.BufferedImage;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** AWT images (what the figures render to) as JavaFX images, without the javafx-swing module. */
public final class FxImages {
    private FxImages() {
    }

    /** A copy of img's pixels as an opaque JavaFX image of the same size. */
    public static WritableImage of(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            argb[i] |= 0xff000000;
        }
        WritableImage out = new WritableImage(w, h);
        out.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return out;
    }
}
