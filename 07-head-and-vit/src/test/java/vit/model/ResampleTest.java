// SPDX-License-Identifier: MIT
package vit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.testing.Fixtures;

class ResampleTest {
    /** PyTorch's bicubic kernel, A = -0.75, written as a function of the distance (not as the four tap weights). */
    static double kernel(double x) {
        double a = -0.75;
        x = Math.abs(x);
        if (x <= 1) {
            return (a + 2) * x * x * x - (a + 3) * x * x + 1;
        }
        if (x < 2) {
            return a * x * x * x - 5 * a * x * x + 8 * a * x - 4 * a;
        }
        return 0;
    }

    /** {@code [1, 1 + g*g, E]} to {@code [1, 1 + G*G, E]} in float64: a double sum over all taps, edges clamped. */
    static double[] reference(float[] pos, int g, int newGrid, int e) {
        double[] out = new double[(1 + newGrid * newGrid) * e];
        for (int c = 0; c < e; c++) {
            out[c] = pos[c];
        }
        double scale = (double) g / newGrid;
        for (int oy = 0; oy < newGrid; oy++) {
            for (int ox = 0; ox < newGrid; ox++) {
                double sy = (oy + 0.5) * scale - 0.5;
                double sx = (ox + 0.5) * scale - 0.5;
                int y0 = (int) Math.floor(sy);
                int x0 = (int) Math.floor(sx);
                for (int c = 0; c < e; c++) {
                    double acc = 0;
                    for (int y = y0 - 1; y <= y0 + 2; y++) {
                        for (int x = x0 - 1; x <= x0 + 2; x++) {
                            int cy = Math.max(0, Math.min(g - 1, y));
                            int cx = Math.max(0, Math.min(g - 1, x));
                            acc += kernel(sy - y) * kernel(sx - x) * pos[(1 + cy * g + cx) * e + c];
                        }
                    }
                    out[(1 + oy * newGrid + ox) * e + c] = acc;
                }
            }
        }
        return out;
    }

    @Test
    void twoByTwoToFourByFourGivesPyTorchsValues() {
        // F.interpolate([[1, 2], [3, 4]], size=(4, 4), mode='bicubic', align_corners=False). Along one axis the
        // ramp [0, 1] becomes u = [-0.10546875, 0.2265625, 0.7734375, 1.10546875] (the weights, worked by hand,
        // are multiples of 1/256), and the grid is 1 + column + 2 * row, so out[r][c] = 1 + u[c] + 2 u[r]:
        // the first row is 0.68359375, 1.015625, 1.5625, 1.89453125 as PyTorch prints (0.6836, 1.0156, 1.5625, 1.8945).
        double[] u = {-0.10546875, 0.2265625, 0.7734375, 1.10546875};
        Tensor pos = Tensor.of(new float[] {9, 1, 2, 3, 4}, Shape.of(1, 5, 1));
        Tensor out = Resample.positions(pos, 4);
        System.out.println("Resample.positions(" + pos.shape() + ", 4) -> " + out.shape());
        assertThat(out.shape()).isEqualTo(Shape.of(1, 17, 1));
        assertThat(out.get(0, 0, 0)).isEqualTo(9f);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertThat((double) out.get(0, 1 + r * 4 + c, 0)).as("out[%d][%d]", r, c).isCloseTo(1 + u[c] + 2 * u[r],
                    org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    @ParameterizedTest(name = "{0}x{0} -> {1}x{1}")
    @CsvSource({"14, 24", "4, 7", "7, 4", "5, 3", "1, 2", "3, 12", "24, 14"})
    void matchesAFloat64Reference(int g, int newGrid) {
        int e = 6;
        Tensor pos = Tensor.randn(Shape.of(1, 1 + g * g, e), new Generator(g * 100 + newGrid));
        Tensor out = Resample.positions(pos, newGrid);
        System.out.println("Resample.positions(" + pos.shape() + ", " + newGrid + ") -> " + out.shape());
        assertThat(out.shape()).isEqualTo(Shape.of(1, 1 + newGrid * newGrid, e));
        double[] ref = reference(pos.toFloatArray(), g, newGrid, e);
        float[] refF = new float[ref.length];
        for (int i = 0; i < ref.length; i++) {
            refF[i] = (float) ref[i];
        }
        Fixtures.assertClose("resampled positions", out, Tensor.of(refF, out.shape()), 1e-5);
        assertThat(out.slice(1, 0, 1).toFloatArray()).containsExactly(pos.slice(1, 0, 1).toFloatArray());
    }

    /** PIL's (and PyTorch's antialiased) bicubic kernel, A = -0.5. */
    static double pilKernel(double x) {
        double a = -0.5;
        x = Math.abs(x);
        if (x < 1) {
            return (a + 2) * x * x * x - (a + 3) * x * x + 1;
        }
        if (x < 2) {
            return a * x * x * x - 5 * a * x * x + 8 * a * x - 4 * a;
        }
        return 0;
    }

    /**
     * {@code F.interpolate(antialias=True)} weights along one axis, in float64: output {@code o} centred at
     * {@code (o + 0.5) * in / out}, the kernel widened by the scale when shrinking, every input pixel whose
     * centre lies within the support counted, no edge repetition, the weights renormalized.
     */
    static double[][] aaWeights(int in, int out) {
        double scale = (double) in / out;
        double widen = Math.max(1, scale);
        double[][] w = new double[out][in];
        for (int o = 0; o < out; o++) {
            double centre = (o + 0.5) * scale;
            double sum = 0;
            for (int j = 0; j < in; j++) {
                double d = (j + 0.5 - centre) / widen;
                if (Math.abs((j + 0.5) - centre) < 2 * widen + 0.5) {
                    w[o][j] = pilKernel(d);
                    sum += w[o][j];
                }
            }
            for (int j = 0; j < in; j++) {
                w[o][j] /= sum;
            }
        }
        return w;
    }

    @Test
    void antialiasedTwoByTwoToFourByFourByHand() {
        // With antialias=True PyTorch uses PIL's filter (A = -0.5) and drops taps outside the grid. Along one axis
        // the ramp [0, 1] at output 0 (centre 0.25) has taps k(0.25) = 111/128 and k(1.25) = -9/128: -9/102 = -3/34;
        // at output 1 (centre 0.75) k(0.25) = 111/128 and k(0.75) = 29/128: 29/140. By symmetry
        // v = [-3/34, 29/140, 111/140, 37/34], and out[r][c] = 1 + v[c] + 2 v[r].
        double[] v = {-3.0 / 34, 29.0 / 140, 111.0 / 140, 37.0 / 34};
        Tensor out = Resample.positions(Tensor.of(new float[] {9, 1, 2, 3, 4}, Shape.of(1, 5, 1)), 4, Resample.Mode.BICUBIC_ANTIALIAS);
        System.out.println("Resample.positions([1, 5, 1], 4, antialias) -> " + out.shape());
        assertThat(out.shape()).isEqualTo(Shape.of(1, 17, 1));
        assertThat(out.get(0, 0, 0)).isEqualTo(9f);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertThat((double) out.get(0, 1 + r * 4 + c, 0)).as("out[%d][%d]", r, c).isCloseTo(1 + v[c] + 2 * v[r],
                    org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    @ParameterizedTest(name = "{0}x{0} -> {1}x{1}")
    @CsvSource({"14, 24", "7, 4", "24, 14", "3, 12"})
    void antialiasedMatchesAFloat64Reference(int g, int newGrid) {
        int e = 5;
        Tensor pos = Tensor.randn(Shape.of(1, 1 + g * g, e), new Generator(g * 100 + newGrid + 1));
        Tensor out = Resample.positions(pos, newGrid, Resample.Mode.BICUBIC_ANTIALIAS);
        double[][] w = aaWeights(g, newGrid);
        float[] p = pos.toFloatArray();
        float[] ref = new float[(1 + newGrid * newGrid) * e];
        System.arraycopy(p, 0, ref, 0, e);
        for (int oy = 0; oy < newGrid; oy++) {
            for (int ox = 0; ox < newGrid; ox++) {
                for (int c = 0; c < e; c++) {
                    double acc = 0;
                    for (int y = 0; y < g; y++) {
                        for (int x = 0; x < g; x++) {
                            acc += w[oy][y] * w[ox][x] * p[(1 + y * g + x) * e + c];
                        }
                    }
                    ref[(1 + oy * newGrid + ox) * e + c] = (float) acc;
                }
            }
        }
        System.out.println("Resample.positions(" + pos.shape() + ", " + newGrid + ", antialias) -> " + out.shape());
        Fixtures.assertClose("antialiased positions", out, Tensor.of(ref, out.shape()), 1e-5);
        // The two filters differ: antialias=True is not a detail when comparing with timm.
        assertThat(Fixtures.relativeError(Resample.positions(pos, newGrid), out)).isGreaterThan(1e-4);
    }

    @Test
    void keepsRankTwoAndLeavesAFittingGridAlone() {
        Tensor pos = Tensor.randn(Shape.of(1 + 9, 4), new Generator(3));
        assertThat(Resample.positions(pos, 3)).isSameAs(pos);
        assertThat(Resample.positions(pos, 5).shape()).isEqualTo(Shape.of(26, 4));
    }

    @Test
    void rejectsAGridThatIsNotSquare() {
        assertThatThrownBy(() -> Resample.positions(Tensor.zeros(1, 11, 4), 4))
            .hasMessageContaining("[1, 11, 4]").hasMessageContaining("not a square grid");
    }
}
