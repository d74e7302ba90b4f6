// SPDX-License-Identifier: MIT
package vit.tensor.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * Each plot is written, decoded again, and checked for its size and for pixels whose colours are known
 * without the plotting code: matplotlib's published viridis colours and the images' own bytes.
 */
class PlotsTest {
    /** matplotlib's viridis(0), viridis(0.5) and viridis(1). */
    static final int VIRIDIS_MIN = 0x440154;
    static final int VIRIDIS_MID = 0x21918C;
    static final int VIRIDIS_MAX = 0xFDE725;

    @TempDir
    Path dir;

    static BufferedImage decode(Path png) throws IOException {
        assertThat(png).exists();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as("decodable PNG " + png).isNotNull();
        return img;
    }

    static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFFFFFF;
    }

    static int count(BufferedImage img, int colour) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += rgb(img, x, y) == colour ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void heatmapCellsTakeViridisColoursRowZeroOnTop() throws IOException {
        // 3 x 4: min -2 at (0, 3), max 6 at (2, 0), the midpoint 2 at (1, 1)
        float[] m = {0, 1, 1, -2, 3, 2, 0, 1, 6, 0, 0, 0};
        Path png = dir.resolve("attn.png");
        Plots.heatmap(Tensor.of(m, 3, 4), "attention, head 0", "key", "query", png);
        BufferedImage img = decode(png);
        // the layout, from Heatmap's documented margins: cells of floor(512 / 4) = 128 pixels
        int cell = 512 / 4;
        System.out.println("heatmap [3, 4] -> " + img.getWidth() + "x" + img.getHeight() + " px, cell " + cell);
        assertThat(img.getWidth()).isEqualTo(Heatmap.LEFT + 4 * cell + Heatmap.BAR_GAP + Heatmap.BAR_WIDTH
            + Heatmap.BAR_LABELS);
        assertThat(img.getHeight()).isEqualTo(Heatmap.TOP + 3 * cell + Heatmap.BOTTOM);
        assertThat(rgb(img, Heatmap.LEFT + 3 * cell + cell / 2, Heatmap.TOP + cell / 2)).isEqualTo(VIRIDIS_MIN);
        assertThat(rgb(img, Heatmap.LEFT + cell / 2, Heatmap.TOP + 2 * cell + cell / 2)).isEqualTo(VIRIDIS_MAX);
        assertThat(rgb(img, Heatmap.LEFT + cell + cell / 2, Heatmap.TOP + cell + cell / 2)).isEqualTo(VIRIDIS_MID);
        // the cells' corners too: every pixel of a cell has its colour
        assertThat(rgb(img, Heatmap.LEFT + 3 * cell, Heatmap.TOP)).isEqualTo(VIRIDIS_MIN);
        assertThat(rgb(img, Heatmap.LEFT + 4 * cell - 1, Heatmap.TOP + cell - 1)).isEqualTo(VIRIDIS_MIN);
        // the colour bar: max at the top, min at the bottom
        int barX = Heatmap.LEFT + 4 * cell + Heatmap.BAR_GAP + Heatmap.BAR_WIDTH / 2;
        assertThat(rgb(img, barX, Heatmap.TOP)).isEqualTo(VIRIDIS_MAX);
        assertThat(rgb(img, barX, Heatmap.TOP + 3 * cell - 1)).isEqualTo(VIRIDIS_MIN);
        // the page is white outside the plot
        assertThat(rgb(img, 2, 2)).isEqualTo(0xFFFFFF);
    }

    @Test
    void imageIsAPlainPixelDump() throws IOException {
        float[] v = new float[3 * 2 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = i / 17f;
        }
        Path png = dir.resolve("img.png");
        Plots.image(Tensor.of(v, Shape.of(1, 3, 2, 3)), png);
        BufferedImage img = decode(png);
        assertThat(new int[] {img.getWidth(), img.getHeight()}).containsExactly(3, 2);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                int r = (int) Math.round(v[(0 * 2 + y) * 3 + x] * 255.0);
                int g = (int) Math.round(v[(1 * 2 + y) * 3 + x] * 255.0);
                int b = (int) Math.round(v[(2 * 2 + y) * 3 + x] * 255.0);
                assertThat(rgb(img, x, y)).as("pixel (%d, %d)", x, y).isEqualTo(r << 16 | g << 8 | b);
            }
        }
    }

    @Test
    void imageGridPlacesImagesRowByRowWithGutters() throws IOException {
        List<Tensor> images = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            // image k is one flat colour: red k/4, green 1 - k/4, blue 0.5
            float[] v = new float[3 * 4 * 6];
            for (int i = 0; i < 24; i++) {
                v[i] = k / 4f;
                v[24 + i] = 1 - k / 4f;
                v[48 + i] = 0.5f;
            }
            images.add(Tensor.of(v, Shape.of(3, 4, 6)));
        }
        Path png = dir.resolve("grid.png");
        Plots.imageGrid(images, 3, png);
        BufferedImage img = decode(png);
        // 3 columns, 2 rows of 6x4 images, 2-pixel gutters around and between
        assertThat(new int[] {img.getWidth(), img.getHeight()}).containsExactly(3 * 6 + 4 * 2, 2 * 4 + 3 * 2);
        for (int k = 0; k < 5; k++) {
            int x = 2 + (k % 3) * 8 + 3;
            int y = 2 + (k / 3) * 6 + 2;
            int want = Math.round(k / 4f * 255) << 16 | Math.round((1 - k / 4f) * 255) << 8 | 128;
            assertThat(rgb(img, x, y)).as("image %d", k).isEqualTo(want);
        }
        assertThat(rgb(img, 1, 1)).isEqualTo(0xFFFFFF);
        assertThat(rgb(img, 2 + 2 * 8 + 3, 2 + 6 + 2)).as("the empty sixth slot").isEqualTo(0xFFFFFF);
    }

    @Test
    void tilesShareOneColourScale() throws IOException {
        // 2 x 3 tiles of 4 x 5 values; tile 0 holds the global min, tile 5 the global max
        float[] v = new float[6 * 4 * 5];
        java.util.Arrays.fill(v, 0.5f);
        v[0] = -1f;
        v[5 * 20 + 19] = 2f;
        Path png = dir.resolve("tiles.png");
        Plots.tiles(Tensor.of(v, Shape.of(6, 4, 5)), 2, 3, png);
        BufferedImage img = decode(png);
        int cell = 720 / (3 * 5);
        int tw = 5 * cell;
        int th = 4 * cell;
        assertThat(new int[] {img.getWidth(), img.getHeight()}).containsExactly(3 * tw + 4 * 2, 2 * th + 3 * 2);
        assertThat(rgb(img, 2 + cell / 2, 2 + cell / 2)).isEqualTo(VIRIDIS_MIN);
        int x5 = 2 + 2 * (tw + 2) + 4 * cell + cell / 2;
        int y5 = 2 + (th + 2) + 3 * cell + cell / 2;
        assertThat(rgb(img, x5, y5)).isEqualTo(VIRIDIS_MAX);
        // 0.5 lies at (0.5 - -1) / 3 = 0.5 of the shared scale, in every tile
        assertThat(rgb(img, 2 + (tw + 2) + cell / 2, 2 + cell / 2)).isEqualTo(VIRIDIS_MID);
    }

    @Test
    void lineChartDrawsEachSeriesInItsColour() throws IOException {
        Generator gen = new Generator(7);
        float[] noise = Tensor.rand(Shape.of(50), gen).toFloatArray();
        double[] train = new double[50];
        double[] val = new double[50];
        for (int i = 0; i < 50; i++) {
            train[i] = 2.3 * Math.exp(-i / 15.0) + 0.05 * noise[i];
            val[i] = 2.3 * Math.exp(-i / 20.0) + 0.2;
        }
        Path png = dir.resolve("loss.png");
        Plots.line("loss", "step", "cross-entropy", List.of(Series.of("train", train), Series.of("val", val)), png);
        BufferedImage img = decode(png);
        assertThat(new int[] {img.getWidth(), img.getHeight()}).containsExactly(800, 500);
        assertThat(count(img, 0x1F77B4)).as("tab:blue pixels (train)").isGreaterThan(200);
        assertThat(count(img, 0xFF7F0E)).as("tab:orange pixels (val)").isGreaterThan(200);
    }

    @Test
    void barChartDrawsBarsProportionalToValues() throws IOException {
        Path png = dir.resolve("top5.png");
        Plots.bar("top-5", List.of("tabby", "tiger cat", "Egyptian cat", "lynx", "remote"),
            new double[] {0.6, 0.2, 0.1, 0.05, 0.05}, png);
        BufferedImage img = decode(png);
        assertThat(new int[] {img.getWidth(), img.getHeight()}).containsExactly(800, 500);
        // five runs of columns holding tab:blue; a bar's height is its tallest column of blue pixels
        List<Integer> heights = new ArrayList<>();
        int run = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            int n = 0;
            for (int y = 0; y < img.getHeight(); y++) {
                n += rgb(img, x, y) == 0x1F77B4 ? 1 : 0;
            }
            if (n > 0) {
                run = Math.max(run, n);
            } else if (run > 0) {
                heights.add(run);
                run = 0;
            }
        }
        System.out.println("bar heights in pixels: " + heights);
        assertThat(heights).hasSize(5);
        assertThat(heights.get(0) / (double) heights.get(1)).isCloseTo(3.0, within(0.1));
        assertThat(heights.get(1) / (double) heights.get(2)).isCloseTo(2.0, within(0.1));
        assertThat(heights.get(3)).isCloseTo(heights.get(4), within(1));
    }

    @Test
    void badInputIsNamed() {
        Path png = dir.resolve("x.png");
        assertThatThrownBy(() -> Plots.heatmap(Tensor.zeros(2, 3, 4), "t", png)).hasMessageContaining("[2, 3, 4]");
        assertThatThrownBy(() -> Plots.tiles(Tensor.zeros(5, 4, 4), 2, 3, png)).hasMessageContaining("[6, h, w]")
            .hasMessageContaining("[5, 4, 4]");
        assertThatThrownBy(() -> Plots.bar("b", List.of("a"), new double[] {1, 2}, png)).hasMessageContaining("1 labels");
        assertThatThrownBy(() -> Plots.imageGrid(List.of(Tensor.zeros(3, 4, 4), Tensor.zeros(3, 5, 4)), 2, png))
            .hasMessageContaining("[3, 5, 4]");
        assertThatThrownBy(() -> new Series("s", new double[2], new double[3])).hasMessageContaining("'s'");
        assertThat(Files.exists(png)).isFalse();
    }
}
