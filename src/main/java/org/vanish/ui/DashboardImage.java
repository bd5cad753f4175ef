package org.vanish.ui;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** The dashboard's views put together in one image, for "Export dashboard as one PNG". */
final class DashboardImage {
    private DashboardImage() {
    }

    /**
     * Lays the images out row by row, columns to a row, on white; each cell is as large as the largest image.
     * @param images at least one. Not modified.
     */
    static BufferedImage grid(List<BufferedImage> images, int columns) {
        if (images.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("need at least one image and one column");
        }
        int cellW = images.stream().mapToInt(BufferedImage::getWidth).max().orElseThrow();
        int cellH = images.stream().mapToInt(BufferedImage::getHeight).max().orElseThrow();
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + cols - 1) / cols;
        BufferedImage out = new BufferedImage(cellW * cols, cellH * rows, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            for (int i = 0; i < images.size(); i++) {
                g.drawImage(images.get(i), (i % cols) * cellW, (i / cols) * cellH, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
