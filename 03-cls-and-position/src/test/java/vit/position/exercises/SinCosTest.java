// SPDX-License-Identifier: MIT
package vit.position.exercises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vit.data.Figures;
import vit.position.PatchEmbedding;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.testing.Fixtures;

/**
 * The checks of exercises 03.1 to 03.4: MAE's formulas evaluated here in double, hand-worked values, the
 * closed form of the similarity, and chapter 03's patch embedding. Run them on your code with
 * {@code mvn -pl 03-cls-and-position test -Pexercises}.
 */
class SinCosTest {
    /** MAE's {@code get_1d_sincos_pos_embed_from_grid} for one position, in double. */
    static double[] oneD(int dim, double p) {
        int k = dim / 2;
        double[] row = new double[dim];
        for (int i = 0; i < k; i++) {
            double omega = 1.0 / Math.pow(10000, i / (double) k);
            row[i] = Math.sin(p * omega);
            row[k + i] = Math.cos(p * omega);
        }
        return row;
    }

    /** MAE's {@code get_2d_sincos_pos_embed}, cls row of zeros first: {@code [g*g + 1][dim]}. */
    static double[][] twoD(int dim, int g) {
        double[][] out = new double[g * g + 1][];
        out[0] = new double[dim];
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                double[] x = oneD(dim / 2, j);   // meshgrid(w, h): the first half encodes the column
                double[] y = oneD(dim / 2, i);
                double[] row = new double[dim];
                System.arraycopy(x, 0, row, 0, dim / 2);
                System.arraycopy(y, 0, row, dim / 2, dim / 2);
                out[1 + i * g + j] = row;
            }
        }
        return out;
    }

    static Tensor toTensor(double[][] rows) {
        float[] v = new float[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                v[r * rows[r].length + c] = (float) rows[r][c];
            }
        }
        return Tensor.of(v, Shape.of(rows.length, rows[0].length));
    }

    @Test
    @DisplayName("Exercise 03.1: the 1-D embedding is sines then cosines of p / 10000^(k/K)")
    void ex1_oneD() {
        Tensor small = SinCos.oneD(2, new float[] {1f});                     // K = 1, w_0 = 1
        assertThat(small.toFloatArray()).containsExactly(new float[] {(float) Math.sin(1), (float) Math.cos(1)}, offset(1e-6f));
        float[] positions = {0f, 1f, 2.5f, 13f, 196f};
        Tensor e = SinCos.oneD(8, positions);
        System.out.println("oneD " + e.shape());
        assertThat(e.shape()).isEqualTo(Shape.of(5, 8));
        for (int m = 0; m < positions.length; m++) {
            double[] expected = oneD(8, positions[m]);
            for (int c = 0; c < 8; c++) {
                assertThat((double) e.get(m, c)).as("position %s, column %d", positions[m], c).isCloseTo(expected[c], offset(1e-5));
            }
        }
    }

    @Test
    @DisplayName("Exercise 03.2: the 2-D embedding: cls zeros, then columns' 1-D embedding beside rows'")
    void ex2_twoD() {
        Tensor tiny = SinCos.twoD(4, 3, true);                               // K = 1 per axis, w_0 = 1
        System.out.println("twoD " + tiny.shape());
        assertThat(tiny.shape()).isEqualTo(Shape.of(10, 4));
        assertThat(tiny.select(0, 0).toFloatArray()).containsOnly(0f);
        // token 1 + (row 1 * 3 + column 2) = 6: [sin 2, cos 2, sin 1, cos 1]
        assertThat(tiny.select(0, 6).toFloatArray()).containsExactly(new float[] {
            (float) Math.sin(2), (float) Math.cos(2), (float) Math.sin(1), (float) Math.cos(1)}, offset(1e-6f));
        Tensor e = SinCos.twoD(16, 5, true);
        assertThat(e.shape()).isEqualTo(Shape.of(26, 16));
        assertThat(Fixtures.relativeError(e, toTensor(twoD(16, 5)))).isLessThan(1e-6);
        Tensor noCls = SinCos.twoD(16, 5, false);
        assertThat(noCls.shape()).isEqualTo(Shape.of(25, 16));
        assertThat(noCls.toFloatArray()).isEqualTo(e.slice(0, 1, 26).toFloatArray());
    }

    @Test
    @DisplayName("Exercise 03.3: fixed positions: one parameter fewer, the same tokens as chapter 03 given those positions")
    void ex3_sinCosPatchEmbedding() {
        Generator gen = new Generator(5);
        SinCosPatchEmbedding fixed = new SinCosPatchEmbedding(3, 4, 16, 16, gen);
        assertThat(fixed.parameterCount()).as("Exercise 03.3: parameters are the conv weight and bias and the cls token; no positions")
            .isEqualTo(16L * 3 * 4 * 4 + 16 + 16);
        assertThat(fixed.clsToken().shape()).isEqualTo(Shape.of(1, 1, 16));
        assertThat(fixed.positions().shape()).isEqualTo(Shape.of(17, 16));
        assertThat(Fixtures.relativeError(fixed.positions(), toTensor(twoD(16, 4)))).isLessThan(1e-6);

        PatchEmbedding learned = new PatchEmbedding(3, 4, 16, 16, gen);
        learned.conv().weight().set(fixed.conv().weight().value());
        learned.conv().bias().set(fixed.conv().bias().value());
        learned.clsToken().set(fixed.clsToken().value());
        learned.positions().set(toTensor(twoD(16, 4)));
        Tensor x = Tensor.randn(Shape.of(2, 3, 16, 16), gen);
        Tensor tokens = fixed.apply(x);
        System.out.println("SinCosPatchEmbedding " + x.shape() + " -> " + tokens.shape());
        assertThat(tokens.shape()).isEqualTo(Shape.of(2, 17, 16));
        assertThat(Fixtures.relativeError(tokens, learned.apply(x))).isLessThan(1e-6);
    }

    @Test
    @DisplayName("Exercise 03.4: the similarity map depends only on the offset between two patches")
    void ex4_similarityFigure() throws Exception {
        Path png = Figures.path("03-sincos-similarity.png");
        Files.deleteIfExists(png);
        int dim = 768;
        int g = 14;
        Tensor sim = SinCos.similarityFigure(dim, g, png);
        System.out.println("similarity " + sim.shape() + " -> " + png.toAbsolutePath());
        assertThat(sim.shape()).isEqualTo(Shape.of(g * g, g, g));
        assertThat(png).as("Exercise 03.4: the figure is written").exists();
        assertThat(Files.size(png)).isPositive();
        // Closed form: cos((j - j') w) summed over the column half plus the same over the row half, over 2K.
        int k = dim / 4;
        double[] omega = new double[k];
        for (int i = 0; i < k; i++) {
            omega[i] = 1.0 / Math.pow(10000, i / (double) k);
        }
        float[] got = sim.toFloatArray();
        for (int a = 0; a < g * g; a++) {
            for (int b = 0; b < g * g; b++) {
                double sum = 0;
                for (int i = 0; i < k; i++) {
                    sum += Math.cos((a % g - b % g) * omega[i]) + Math.cos((a / g - b / g) * omega[i]);
                }
                assertThat((double) got[a * g * g + b]).as("similarity of patch %d to patch %d", a, b)
                    .isCloseTo(sum / (2 * k), offset(1e-5));
            }
        }
    }
}
