package org.vanish.figure;

import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GraphicsConfiguration;
import java.awt.Image;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.BufferedImageOp;
import java.awt.image.ImageObserver;
import java.awt.image.RenderedImage;
import java.awt.image.renderable.RenderableImage;
import java.text.AttributedCharacterIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Graphics2D that draws through to another and records every piece of text with the device-space box of its ink
 * (the glyphs' visual bounds through the transform in effect) and whether the clip in effect cuts it. What a
 * chart draws as text reaches Graphics2D as drawString, a glyph vector or a TextLayout (which draws glyph
 * vectors), so nothing is missed; copies made by {@link #create()} record into the same list.
 */
final class TextRecorder extends Graphics2D {
    /** One drawn string: its text, font, ink box in device pixels, and whether the clip cut it. */
    record Text(String text, Font font, Rectangle2D box, boolean clipped) {
        @Override
        public String toString() {
            return String.format("\"%s\" (%s %d) at [%.0f, %.0f, %.0f×%.0f]%s", text, font.getStyle() == Font.BOLD
                    ? "bold" : "plain", font.getSize(), box.getX(), box.getY(), box.getWidth(), box.getHeight(),
                    clipped ? " clipped" : "");
        }
    }

    private final Graphics2D g;
    private final List<Text> texts;

    TextRecorder(Graphics2D g) {
        this(g, new ArrayList<>());
    }

    private TextRecorder(Graphics2D g, List<Text> texts) {
        this.g = g;
        this.texts = texts;
    }

    /** Everything drawn so far, in drawing order. */
    List<Text> texts() {
        return List.copyOf(texts);
    }

    private void record(String text, Rectangle2D userInk) {
        if (text.isBlank() || userInk.isEmpty()) {
            return;
        }
        Rectangle2D box = g.getTransform().createTransformedShape(userInk).getBounds2D();
        Shape clip = g.getClip();
        boolean clipped = false;
        if (clip != null) {
            // the clip is in user space: compare in device space, allowing half a pixel of antialiasing
            Rectangle2D c = g.getTransform().createTransformedShape(clip).getBounds2D();
            clipped = box.getMinX() < c.getMinX() - 0.5 || box.getMaxX() > c.getMaxX() + 0.5
                    || box.getMinY() < c.getMinY() - 0.5 || box.getMaxY() > c.getMaxY() + 0.5;
        }
        texts.add(new Text(text, g.getFont(), box, clipped));
    }

    private static Rectangle2D shifted(Rectangle2D r, double x, double y) {
        return new Rectangle2D.Double(r.getX() + x, r.getY() + y, r.getWidth(), r.getHeight());
    }

    @Override
    public void drawString(String str, float x, float y) {
        GlyphVector gv = g.getFont().createGlyphVector(g.getFontRenderContext(), str);
        record(str, shifted(gv.getVisualBounds(), x, y));
        g.drawString(str, x, y);
    }

    @Override
    public void drawString(String str, int x, int y) {
        drawString(str, (float) x, (float) y);
    }

    @Override
    public void drawString(AttributedCharacterIterator iterator, float x, float y) {
        StringBuilder b = new StringBuilder();
        for (char c = iterator.first(); c != AttributedCharacterIterator.DONE; c = iterator.next()) {
            b.append(c);
        }
        if (b.length() > 0) {
            TextLayout layout = new TextLayout(iterator, g.getFontRenderContext());
            record(b.toString(), shifted(layout.getBounds(), x, y));
        }
        g.drawString(iterator, x, y);
    }

    @Override
    public void drawString(AttributedCharacterIterator iterator, int x, int y) {
        drawString(iterator, (float) x, (float) y);
    }

    @Override
    public void drawGlyphVector(GlyphVector gv, float x, float y) {
        int n = gv.getNumGlyphs();
        int[] codes = gv.getGlyphCodes(0, n, null);
        // the characters are not kept by a glyph vector; the box and the font are what the checks need
        record("glyphs" + java.util.Arrays.toString(codes), shifted(gv.getVisualBounds(), x, y));
        g.drawGlyphVector(gv, x, y);
    }

    @Override
    public Graphics create() {
        return new TextRecorder((Graphics2D) g.create(), texts);
    }

    // everything else draws through unchanged

    @Override public void draw(Shape s) { g.draw(s); }
    @Override public boolean drawImage(Image img, AffineTransform xform, ImageObserver obs) { return g.drawImage(img, xform, obs); }
    @Override public void drawImage(BufferedImage img, BufferedImageOp op, int x, int y) { g.drawImage(img, op, x, y); }
    @Override public void drawRenderedImage(RenderedImage img, AffineTransform xform) { g.drawRenderedImage(img, xform); }
    @Override public void drawRenderableImage(RenderableImage img, AffineTransform xform) { g.drawRenderableImage(img, xform); }
    @Override public void fill(Shape s) { g.fill(s); }
    @Override public boolean hit(Rectangle rect, Shape s, boolean onStroke) { return g.hit(rect, s, onStroke); }
    @Override public GraphicsConfiguration getDeviceConfiguration() { return g.getDeviceConfiguration(); }
    @Override public void setComposite(Composite comp) { g.setComposite(comp); }
    @Override public void setPaint(Paint paint) { g.setPaint(paint); }
    @Override public void setStroke(Stroke s) { g.setStroke(s); }
    @Override public void setRenderingHint(RenderingHints.Key key, Object value) { g.setRenderingHint(key, value); }
    @Override public Object getRenderingHint(RenderingHints.Key key) { return g.getRenderingHint(key); }
    @Override public void setRenderingHints(Map<?, ?> hints) { g.setRenderingHints(hints); }
    @Override public void addRenderingHints(Map<?, ?> hints) { g.addRenderingHints(hints); }
    @Override public RenderingHints getRenderingHints() { return g.getRenderingHints(); }
    @Override public void translate(int x, int y) { g.translate(x, y); }
    @Override public void translate(double tx, double ty) { g.translate(tx, ty); }
    @Override public void rotate(double theta) { g.rotate(theta); }
    @Override public void rotate(double theta, double x, double y) { g.rotate(theta, x, y); }
    @Override public void scale(double sx, double sy) { g.scale(sx, sy); }
    @Override public void shear(double shx, double shy) { g.shear(shx, shy); }
    @Override public void transform(AffineTransform tx) { g.transform(tx); }
    @Override public void setTransform(AffineTransform tx) { g.setTransform(tx); }
    @Override public AffineTransform getTransform() { return g.getTransform(); }
    @Override public Paint getPaint() { return g.getPaint(); }
    @Override public Composite getComposite() { return g.getComposite(); }
    @Override public void setBackground(Color color) { g.setBackground(color); }
    @Override public Color getBackground() { return g.getBackground(); }
    @Override public Stroke getStroke() { return g.getStroke(); }
    @Override public void clip(Shape s) { g.clip(s); }
    @Override public FontRenderContext getFontRenderContext() { return g.getFontRenderContext(); }
    @Override public Color getColor() { return g.getColor(); }
    @Override public void setColor(Color c) { g.setColor(c); }
    @Override public void setPaintMode() { g.setPaintMode(); }
    @Override public void setXORMode(Color c1) { g.setXORMode(c1); }
    @Override public Font getFont() { return g.getFont(); }
    @Override public void setFont(Font font) { g.setFont(font); }
    @Override public FontMetrics getFontMetrics(Font f) { return g.getFontMetrics(f); }
    @Override public Rectangle getClipBounds() { return g.getClipBounds(); }
    @Override public void clipRect(int x, int y, int width, int height) { g.clipRect(x, y, width, height); }
    @Override public void setClip(int x, int y, int width, int height) { g.setClip(x, y, width, height); }
    @Override public Shape getClip() { return g.getClip(); }
    @Override public void setClip(Shape clip) { g.setClip(clip); }
    @Override public void copyArea(int x, int y, int width, int height, int dx, int dy) { g.copyArea(x, y, width, height, dx, dy); }
    @Override public void drawLine(int x1, int y1, int x2, int y2) { g.drawLine(x1, y1, x2, y2); }
    @Override public void fillRect(int x, int y, int width, int height) { g.fillRect(x, y, width, height); }
    @Override public void clearRect(int x, int y, int width, int height) { g.clearRect(x, y, width, height); }
    @Override public void drawRoundRect(int x, int y, int w, int h, int aw, int ah) { g.drawRoundRect(x, y, w, h, aw, ah); }
    @Override public void fillRoundRect(int x, int y, int w, int h, int aw, int ah) { g.fillRoundRect(x, y, w, h, aw, ah); }
    @Override public void drawOval(int x, int y, int width, int height) { g.drawOval(x, y, width, height); }
    @Override public void fillOval(int x, int y, int width, int height) { g.fillOval(x, y, width, height); }
    @Override public void drawArc(int x, int y, int w, int h, int start, int arc) { g.drawArc(x, y, w, h, start, arc); }
    @Override public void fillArc(int x, int y, int w, int h, int start, int arc) { g.fillArc(x, y, w, h, start, arc); }
    @Override public void drawPolyline(int[] xs, int[] ys, int n) { g.drawPolyline(xs, ys, n); }
    @Override public void drawPolygon(int[] xs, int[] ys, int n) { g.drawPolygon(xs, ys, n); }
    @Override public void fillPolygon(int[] xs, int[] ys, int n) { g.fillPolygon(xs, ys, n); }
    @Override public boolean drawImage(Image img, int x, int y, ImageObserver o) { return g.drawImage(img, x, y, o); }
    @Override public boolean drawImage(Image img, int x, int y, int w, int h, ImageObserver o) { return g.drawImage(img, x, y, w, h, o); }
    @Override public boolean drawImage(Image img, int x, int y, Color bg, ImageObserver o) { return g.drawImage(img, x, y, bg, o); }
    @Override public boolean drawImage(Image img, int x, int y, int w, int h, Color bg, ImageObserver o) { return g.drawImage(img, x, y, w, h, bg, o); }
    @Override public boolean drawImage(Image img, int dx1, int dy1, int dx2, int dy2, int sx1, int sy1, int sx2, int sy2, ImageObserver o) {
        return g.drawImage(img, dx1, dy1, dx2, dy2, sx1, sy1, sx2, sy2, o);
    }
    @Override public boolean drawImage(Image img, int dx1, int dy1, int dx2, int dy2, int sx1, int sy1, int sx2, int sy2, Color bg, ImageObserver o) {
        return g.drawImage(img, dx1, dy1, dx2, dy2, sx1, sy1, sx2, sy2, bg, o);
    }
    @Override public void dispose() { g.dispose(); }
}
