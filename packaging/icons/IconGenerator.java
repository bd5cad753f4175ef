import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws Vanish's icon, a vanishing gradient: bars of ‖∂L/∂h_t‖ that shrink geometrically from the last step
 * (right) back to the first (left), fading as they go, with the exponential through their tops. Writes the
 * window icons (PNG) into the app's resources and the installers' icons (PNG for Linux, ICO for Windows, ICNS
 * for macOS) into packaging/icons. Run from the repository's root, then commit what it wrote:
 * <pre>java packaging/icons/IconGenerator.java</pre>
 */
public final class IconGenerator {
    private static final Color BACK_TOP = new Color(0x1E3158);
    private static final Color BACK_BOTTOM = new Color(0x0E1830);
    private static final Color BAR = new Color(0x56B4E9);      // Okabe–Ito sky blue
    private static final Color CURVE = new Color(0xE69F00);    // Okabe–Ito orange
    private static final double DECAY = 0.62;                  // each step back keeps this share

    public static void main(String[] args) throws IOException {
        Path resources = Path.of("src/main/resources/icons");
        Path packaging = Path.of("packaging/icons");
        Files.createDirectories(resources);
        Files.createDirectories(packaging);
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            ImageIO.write(draw(size), "png", resources.resolve("vanish-" + size + ".png").toFile());
        }
        ImageIO.write(draw(512), "png", packaging.resolve("vanish.png").toFile());
        Files.write(packaging.resolve("vanish.ico"), ico(16, 24, 32, 48, 64, 256));
        Map<String, Integer> icns = new LinkedHashMap<>();
        icns.put("icp4", 16);
        icns.put("icp5", 32);
        icns.put("ic07", 128);
        icns.put("ic08", 256);
        icns.put("ic09", 512);
        icns.put("ic10", 1024);
        Files.write(packaging.resolve("vanish.icns"), icns(icns));
        System.out.println("wrote " + resources + "/vanish-*.png and " + packaging + "/vanish.{png,ico,icns}");
    }

    /** The icon at size × size pixels; small sizes get fewer, wider bars so that they stay legible. */
    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double s = size;
        double inset = size <= 32 ? 0 : s * 0.04;
        double side = s - 2 * inset;
        g.setPaint(new GradientPaint(0, (float) inset, BACK_TOP, 0, (float) (inset + side), BACK_BOTTOM));
        g.fill(new RoundRectangle2D.Double(inset, inset, side, side, side * 0.42, side * 0.42));

        int bars = size <= 16 ? 4 : size <= 48 ? 5 : 7;
        double left = inset + side * 0.16;
        double right = inset + side * 0.84;
        double base = inset + side * 0.80;
        double tallest = side * 0.58;
        double pitch = (right - left) / bars;
        double width = pitch * (size <= 32 ? 0.72 : 0.62);
        double[] topX = new double[bars];
        double[] topY = new double[bars];
        for (int k = 0; k < bars; k++) {
            int back = bars - 1 - k;                        // steps back from the last
            double h = Math.max(s * 0.035, tallest * Math.pow(DECAY, back));
            double x = left + k * pitch + (pitch - width) / 2;
            float alpha = (float) Math.max(0.28, Math.pow(0.82, back));
            g.setColor(new Color(BAR.getRed() / 255f, BAR.getGreen() / 255f, BAR.getBlue() / 255f, alpha));
            double r = Math.min(width * 0.35, s * 0.03);
            g.fill(new RoundRectangle2D.Double(x, base - h, width, h, r, r));
            topX[k] = x + width / 2;
            topY[k] = base - h;
        }
        // the exponential through the bar tops, extended a little past the last bar
        Path2D curve = new Path2D.Double();
        int samples = 64;
        for (int i = 0; i <= samples; i++) {
            double u = (double) i / samples * (bars - 1);
            double x = topX[0] + (topX[bars - 1] - topX[0]) * u / (bars - 1);
            double y = base - tallest * Math.pow(DECAY, bars - 1 - u) - s * 0.05;
            if (i == 0) {
                curve.moveTo(x, y);
            } else {
                curve.lineTo(x, y);
            }
        }
        g.setColor(CURVE);
        g.setStroke(new BasicStroke((float) Math.max(1.2, s * 0.035), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(curve);
        double dot = Math.max(2.5, s * 0.085);
        double endY = base - tallest - s * 0.05;
        g.fill(new Ellipse2D.Double(topX[bars - 1] - dot / 2, endY - dot / 2, dot, dot));
        g.dispose();
        return img;
    }

    private static byte[] png(int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(draw(size), "png", out);
        return out.toByteArray();
    }

    /** A Windows ICO holding one PNG per size (the format Windows Vista and later read). */
    static byte[] ico(int... sizes) throws IOException {
        byte[][] images = new byte[sizes.length][];
        int offset = 6 + 16 * sizes.length;
        ByteBuffer head = ByteBuffer.allocate(offset).order(ByteOrder.LITTLE_ENDIAN);
        head.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            images[i] = png(sizes[i]);
            head.put((byte) (sizes[i] >= 256 ? 0 : sizes[i])).put((byte) (sizes[i] >= 256 ? 0 : sizes[i]));
            head.put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32);
            head.putInt(images[i].length).putInt(offset);
            offset += images[i].length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(head.array());
        for (byte[] image : images) {
            out.write(image);
        }
        return out.toByteArray();
    }

    /** A macOS ICNS: the magic, the total length, then one (type, length, PNG) entry per size. */
    static byte[] icns(Map<String, Integer> types) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream entries = new DataOutputStream(body);
        for (Map.Entry<String, Integer> e : types.entrySet()) {
            byte[] image = png(e.getValue());
            entries.writeBytes(e.getKey());
            entries.writeInt(8 + image.length);
            entries.write(image);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream file = new DataOutputStream(out);
        file.writeBytes("icns");
        file.writeInt(8 + body.size());
        file.write(body.toByteArray());
        return out.toByteArray();
    }
}
