// SPDX-License-Identifier: MIT
package vit.tensor.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Draws a matrix as coloured cells with Java2D: row 0 at the top (as matrices and attention maps are
 * read), a viridis scale from the smallest value to the largest, and a colour bar on the right.
 * Every cell is a square of {@link Layout#cell()} pixels, so a 197 x 197 attention map stays crisp.
 */
final class Heatmap {
    static final int TOP = 40;
    static final int LEFT = 64;
    static final int BOTTOM = 52;
    static final int BAR_GAP = 16;
    static final int BAR_WIDTH = 18;
    static final int BAR_LABELS = 64;

    private Heatmap() {
    }

    /**
     * Where things go: cell (i, j) covers x in [left + j * cell, left + (j + 1) * cell), likewise y. The margins are
     * {@link #LEFT} and {@link #BOTTOM} unless tick labels need more.
     */
    record Layout(int rows, int cols, int cell, int width, int height, int left, int bottom) {
        static Layout of(int rows, int cols) {
            return of(rows, cols, LEFT, BOTTOM);
        }

        static Layout of(int rows, int cols, int left, int bottom) {
            int cell = Math.max(1, 512 / Math.max(rows, cols));
            int width = left + cols * cell + BAR_GAP + BAR_WIDTH + BAR_LABELS;
            int height = TOP + rows * cell + bottom;
            return new Layout(rows, cols, cell, width, height, left, bottom);
        }

        int cellX(int j) {
            return left + j * cell;
        }

        int cellY(int i) {
            return TOP + i * cell;
        }

        int barX() {
            return left + cols * cell + BAR_GAP;
        }
    }

    static BufferedImage render(float[] values, int rows, int cols, String title, String xLabel, String yLabel) {
        return render(values, rows, cols, title, xLabel, yLabel, null);
    }

    /**
     * With {@code names} (one per row and column, e.g. class names; null for numbers) as the tick labels: every row
     * and column named, the column names written slanting.
     */
    static BufferedImage render(float[] values, int rows, int cols, String title, String xLabel, String yLabel, List<String> names) {
        Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        int longest = 0;
        if (names != null) {
            BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            Graphics2D m = probe.createGraphics();
            m.setFont(tickFont);
            for (String n : names) {
                longest = Math.max(longest, m.getFontMetrics().stringWidth(n));
            }
            m.dispose();
        }
        Layout at = names == null ? Layout.of(rows, cols) : Layout.of(rows, cols, Math.max(LEFT, longest + 30), BOTTOM + (int) (longest * 0.72));
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        BufferedImage img = new BufferedImage(at.width(), at.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.begin(img);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                g.setColor(new Color(Colormap.viridis(Colormap.scale(values[i * cols + j], min, max))));
                g.fillRect(at.cellX(j), at.cellY(i), at.cell(), at.cell());
            }
        }
        int plotH = rows * at.cell();
        for (int y = 0; y < plotH; y++) { // top row = max, bottom row = min
            g.setColor(new Color(Colormap.viridis(plotH > 1 ? 1.0 - (double) y / (plotH - 1) : 0.5)));
            g.fillRect(at.barX(), TOP + y, BAR_WIDTH, 1);
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(tickFont);
        FontMetrics fm = g.getFontMetrics();
        int textX = at.barX() + BAR_WIDTH + 4;
        g.drawString(Canvas.number(max), textX, TOP + fm.getAscent());
        g.drawString(Canvas.number(min), textX, TOP + plotH);
        int step = names == null ? tickStep(Math.max(rows, cols)) : 1;
        for (int j = 0; j < cols; j += step) {
            String s = names == null ? Integer.toString(j) : names.get(j);
            if (names == null) {
                g.drawString(s, at.cellX(j) + at.cell() / 2 - fm.stringWidth(s) / 2, TOP + plotH + fm.getAscent() + 3);
            } else {
                AffineTransform saved = g.getTransform();
                g.translate(at.cellX(j) + at.cell() / 2 + fm.getAscent() / 2, TOP + plotH + 4);
                g.rotate(Math.PI / 4);
                g.drawString(s, 0, 0);
                g.setTransform(saved);
            }
        }
        for (int i = 0; i < rows; i += step) {
            String s = names == null ? Integer.toString(i) : names.get(i);
            g.drawString(s, at.left() - 4 - fm.stringWidth(s), at.cellY(i) + at.cell() / 2 + fm.getAscent() / 2 - 1);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        fm = g.getFontMetrics();
        g.drawString(xLabel, at.left() + cols * at.cell() / 2 - fm.stringWidth(xLabel) / 2, at.height() - 10);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(TOP + plotH / 2) - fm.stringWidth(yLabel) / 2, 18);
        g.setTransform(saved);
        Canvas.title(g, title, at.width(), TOP);
        g.dispose();
        return img;
    }

    /** 1, 2 or 5 times a power of ten, so that at most about eight ticks are labelled. */
    static int tickStep(int n) {
        for (int p = 1; ; p *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                if (n <= 8 * m * p) {
                    return m * p;
                }
            }
        }
    }
}
