// SPDX-License-Identifier: MIT
package vit.tensor.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vit.tensor.Tensor;
import vit.tensor.image.Images;

/**
 * The figures of the tutorial, each written as a PNG file. Everything renders off screen, so it runs
 * headless (CI, servers; {@code -Djava.awt.headless=true}). Line and bar charts are drawn by XChart;
 * pictures and heat maps by Java2D directly, so that one value is one block of pixels.
 */
public final class Plots {
    private Plots() {
    }

    /**
     * A {@code [rows, cols]} matrix as a heat map with a colour bar, e.g. an attention map
     * (query x key): row 0 at the top, viridis from the smallest value to the largest.
     */
    public static void heatmap(Tensor matrix, String title, Path png) throws IOException {
        heatmap(matrix, title, "", "", png);
    }

    /** A heat map with axis titles, e.g. {@code "key"} across and {@code "query"} down. */
    public static void heatmap(Tensor matrix, String title, String xLabel, String yLabel, Path png)
            throws IOException {
        if (matrix.rank() != 2) {
            throw new IllegalArgumentException("heatmap needs a [rows, cols] matrix, got " + matrix.shape());
        }
        Canvas.write(Heatmap.render(matrix.toFloatArray(), matrix.size(0), matrix.size(1), title, xLabel, yLabel),
            png);
    }

    /**
     * A square heat map whose rows and columns are named (e.g. a confusion matrix over class names, true class down,
     * prediction across).
     */
    public static void heatmap(Tensor matrix, String title, String xLabel, String yLabel, List<String> names, Path png)
            throws IOException {
        if (matrix.rank() != 2 || matrix.size(0) != names.size() || matrix.size(1) != names.size()) {
            throw new IllegalArgumentException("a named heatmap needs a [" + names.size() + ", " + names.size() + "] matrix, got "
                + matrix.shape());
        }
        Canvas.write(Heatmap.render(matrix.contiguous().toFloatArray(), matrix.size(0), matrix.size(1), title, xLabel, yLabel, names), png);
    }

    /** Lines over a shared x axis, one per series, with a legend when there are several. */
    public static void line(String title, String xLabel, String yLabel, List<Series> series, Path png)
            throws IOException {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("line plot '" + title + "' has no series");
        }
        Charts.line(title, xLabel, yLabel, series, png);
    }

    /** One bar per label, e.g. the top-5 class probabilities. */
    public static void bar(String title, List<String> labels, double[] values, Path png) throws IOException {
        if (labels.size() != values.length || values.length == 0) {
            throw new IllegalArgumentException("bar chart '" + title + "' needs one value per label, got "
                + labels.size() + " labels and " + values.length + " values");
        }
        Charts.bar(title, labels, values, png);
    }

    /**
     * Bars side by side, one group per label and one colour per series (a legend names them), e.g. a class's
     * probability under trained and under random weights.
     */
    public static void bars(String title, String yLabel, List<String> labels, List<Series> series, Path png) throws IOException {
        for (Series s : series) {
            if (s.y().length != labels.size()) {
                throw new IllegalArgumentException("bar chart '" + title + "': series '" + s.name() + "' has " + s.y().length
                    + " values for " + labels.size() + " labels");
            }
        }
        if (series.isEmpty()) {
            throw new IllegalArgumentException("bar chart '" + title + "' has no series");
        }
        Charts.bars(title, yLabel, labels, series, png);
    }

    /** The image itself, one pixel per value: a {@code [1, 3, H, W]} or {@code [3, H, W]} tensor in [0, 1]. */
    public static void image(Tensor image, Path png) throws IOException {
        Images.writePng(image, png);
    }

    /**
     * Images of one size ({@code [3, H, W]} or {@code [1, 3, H, W]}, values in [0, 1]) in a grid of
     * {@code cols} columns, 2-pixel white gutters between them, e.g. the 14 x 14 patches of an image.
     */
    public static void imageGrid(List<Tensor> images, int cols, Path png) throws IOException {
        if (images.isEmpty() || cols <= 0) {
            throw new IllegalArgumentException("image grid needs images and cols > 0, got " + images.size()
                + " images and cols = " + cols);
        }
        List<BufferedImage> pictures = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            Tensor t = images.get(i);
            Tensor first = images.get(0);
            if (t.size(-1) != first.size(-1) || t.size(-2) != first.size(-2)) {
                throw new IllegalArgumentException("image grid needs images of one size: image 0 is "
                    + first.shape() + ", image " + i + " is " + t.shape());
            }
            pictures.add(Images.toBufferedImage(t));
        }
        Canvas.write(Grids.images(pictures, cols), png);
    }

    /**
     * {@link #imageGrid} with a caption under each image (e.g. a class name) and a title above the grid.
     */
    public static void captionedGrid(List<Tensor> images, List<String> captions, int cols, String title, Path png) throws IOException {
        if (captions.size() != images.size()) {
            throw new IllegalArgumentException("captioned grid '" + title + "' needs one caption per image, got " + captions.size()
                + " captions for " + images.size() + " images");
        }
        if (images.isEmpty() || cols <= 0) {
            throw new IllegalArgumentException("captioned grid needs images and cols > 0, got " + images.size() + " images and cols = " + cols);
        }
        List<BufferedImage> pictures = new ArrayList<>();
        for (Tensor t : images) {
            if (t.size(-1) != images.get(0).size(-1) || t.size(-2) != images.get(0).size(-2)) {
                throw new IllegalArgumentException("captioned grid needs images of one size: image 0 is " + images.get(0).shape()
                    + ", another is " + t.shape());
            }
            pictures.add(Images.toBufferedImage(t));
        }
        Canvas.write(Grids.captioned(pictures, captions, cols, title), png);
    }

    /**
     * A {@code rows x cols} grid of small heat maps, one per slice of {@code values} {@code [rows*cols, h, w]},
     * on one shared colour scale, e.g. the 14 x 14 maps of how similar each patch's position embedding is
     * to every other one.
     */
    public static void tiles(Tensor values, int rows, int cols, Path png) throws IOException {
        if (values.rank() != 3 || values.size(0) != rows * cols) {
            throw new IllegalArgumentException("tiles needs [rows*cols, h, w] = [" + rows * cols
                + ", h, w] values, got " + values.shape());
        }
        int h = values.size(1);
        int w = values.size(2);
        Canvas.write(Grids.tiles(values.toFloatArray(), rows * cols, h, w, rows, cols, Grids.cellFor(cols * w)), png);
    }
}
