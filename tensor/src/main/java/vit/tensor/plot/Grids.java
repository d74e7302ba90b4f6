// SPDX-License-Identifier: MIT
package vit.tensor.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Pictures laid out in a grid on a white page with {@link #GAP}-pixel gutters: whole images (patches,
 * augmented samples) or small heat maps (one per patch, e.g. position-embedding similarities).
 */
final class Grids {
    static final int GAP = 2;

    private Grids() {
    }

    /** The top-left pixel of grid slot ({@code row}, {@code col}) whose pictures are {@code w x h} pixels. */
    static int originX(int col, int w) {
        return GAP + col * (w + GAP);
    }

    static int originY(int row, int h) {
        return GAP + row * (h + GAP);
    }

    /** Images of one size, left to right then top to bottom, {@code cols} to a row, pixel for pixel. */
    static BufferedImage images(List<BufferedImage> images, int cols) {
        int w = images.get(0).getWidth();
        int h = images.get(0).getHeight();
        int rows = (images.size() + cols - 1) / cols;
        BufferedImage page = new BufferedImage(originX(cols, w), originY(rows, h), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.begin(page);
        for (int k = 0; k < images.size(); k++) {
            g.drawImage(images.get(k), originX(k % cols, w), originY(k / cols, h), null);
        }
        g.dispose();
        return page;
    }

    /** {@link #images} with a caption line under each picture and a title band on top. */
    static BufferedImage captioned(List<BufferedImage> images, List<String> captions, int cols, String title) {
        int w = images.get(0).getWidth();
        int h = images.get(0).getHeight();
        int caption = 18;
        int band = title == null || title.isEmpty() ? 0 : 26;
        int rows = (images.size() + cols - 1) / cols;
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D m = probe.createGraphics();
        m.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
        int cell = w;
        for (String c : captions) {
            cell = Math.max(cell, m.getFontMetrics().stringWidth(c) + 4);
        }
        m.dispose();
        int width = Math.max(GAP + cols * (cell + GAP), band == 0 ? 0 : 8 + titleWidth(title));
        BufferedImage page = new BufferedImage(width, band + GAP + rows * (h + caption + GAP), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.begin(page);
        Canvas.title(g, title, width, band);
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        for (int k = 0; k < images.size(); k++) {
            int x0 = GAP + (k % cols) * (cell + GAP);
            int y0 = band + GAP + (k / cols) * (h + caption + GAP);
            g.drawImage(images.get(k), x0 + (cell - w) / 2, y0, null);
            int tw = g.getFontMetrics().stringWidth(captions.get(k));
            g.drawString(captions.get(k), x0 + (cell - tw) / 2, y0 + h + caption - 5);
        }
        g.dispose();
        return page;
    }

    private static int titleWidth(String title) {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D m = probe.createGraphics();
        m.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 14));
        int w = m.getFontMetrics().stringWidth(title);
        m.dispose();
        return w;
    }

    /**
     * {@code rows x cols} heat maps of {@code h x w} values each ({@code values[k][i][j]} flattened), every
     * value a square of {@code cell} pixels, on one viridis scale from the smallest value to the largest
     * so that the tiles can be compared with each other.
     */
    static BufferedImage tiles(float[] values, int count, int h, int w, int rows, int cols, int cell) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int tw = w * cell;
        int th = h * cell;
        BufferedImage page = new BufferedImage(originX(cols, tw), originY(rows, th), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.begin(page);
        for (int k = 0; k < count; k++) {
            int x0 = originX(k % cols, tw);
            int y0 = originY(k / cols, th);
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    g.setColor(new Color(Colormap.viridis(Colormap.scale(values[(k * h + i) * w + j], min, max))));
                    g.fillRect(x0 + j * cell, y0 + i * cell, cell, cell);
                }
            }
        }
        g.dispose();
        return page;
    }

    /** The cell size that makes a grid of {@code n} values across about 720 pixels wide (at least 1). */
    static int cellFor(int n) {
        return Math.max(1, 720 / n);
    }
}
