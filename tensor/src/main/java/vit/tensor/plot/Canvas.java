// SPDX-License-Identifier: MIT
package vit.tensor.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Small Java2D chores shared by the hand-drawn plots: a white page, a title, numbers, PNG output. */
final class Canvas {
    private Canvas() {
    }

    /** A graphics context on {@code img}, cleared to white, with exact (not antialiased) shapes. */
    static Graphics2D begin(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        return g;
    }

    /** Draws {@code title} centred in the band of {@code bandHeight} pixels at the top. */
    static void title(Graphics2D g, String title, int width, int bandHeight) {
        if (title == null || title.isEmpty()) {
            return;
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, (width - fm.stringWidth(title)) / 2, (bandHeight + fm.getAscent()) / 2 - 2);
    }

    /** A short label for a colour-scale end: 3 significant digits. */
    static String number(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** Writes {@code img} as a PNG, creating the parent folders. */
    static void write(BufferedImage img, Path png) throws IOException {
        Path dir = png.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        if (!ImageIO.write(img, "png", png.toFile())) {
            throw new IOException("no PNG writer available for " + png);
        }
    }
}
