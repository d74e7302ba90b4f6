// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vit.tensor.Functional;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * The fused backward passes of layer norm and softmax ({@link NormBackward}, through autograd) against the
 * gradients written out in float64 loops here, on odd row lengths and rows with {@code |mean| >> std}.
 */
class NormBackwardTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 17, 64, 257})
    void layerNormGradientsMatchADoubleLoop(int n) {
        int rows = 23;
        Generator gen = new Generator(n);
        Tensor x = Tensor.randn(Shape.of(rows, n), gen).add(Tensor.randn(Shape.of(rows, 1), gen).mul(100f)).requiresGrad(true);
        Tensor w = Tensor.randn(Shape.of(n), gen).requiresGrad(true);
        Tensor b = Tensor.randn(Shape.of(n), gen).requiresGrad(true);
        Tensor g = Tensor.randn(Shape.of(rows, n), gen);
        Functional.layerNorm(x, w, b, 1e-5f).mul(g).sum().backward();
        float[] xs = x.toFloatArray();
        float[] ws = w.toFloatArray();
        float[] gs = g.toFloatArray();
        double[] gx = new double[rows * n];
        double[] gw = new double[n];
        double[] gb = new double[n];
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += xs[r * n + i];
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                var += (xs[r * n + i] - mean) * (xs[r * n + i] - mean);
            }
            double rstd = 1 / Math.sqrt(var / n + 1e-5);
            double a = 0;
            double c = 0;
            for (int i = 0; i < n; i++) {
                double xhat = (xs[r * n + i] - mean) * rstd;
                a += gs[r * n + i] * ws[i];
                c += gs[r * n + i] * ws[i] * xhat;
                gw[i] += gs[r * n + i] * xhat;
                gb[i] += gs[r * n + i];
            }
            for (int i = 0; i < n; i++) {
                double xhat = (xs[r * n + i] - mean) * rstd;
                gx[r * n + i] = (gs[r * n + i] * ws[i] - a / n - xhat * c / n) * rstd;
            }
        }
        close(x.grad(), gx, 1e-4);
        close(w.grad(), gw, 1e-5);
        close(b.grad(), gb, 1e-5);
        System.out.println("layer_norm backward " + x.shape() + ": gx, gw " + w.shape() + ", gb match float64 loops");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 17, 50, 257})
    void softmaxGradientMatchesADoubleLoop(int n) {
        int rows = 19;
        Generator gen = new Generator(n);
        Tensor x = Tensor.randn(Shape.of(rows, n), gen).mul(3f).requiresGrad(true);
        Tensor g = Tensor.randn(Shape.of(rows, n), gen);
        Tensor y = x.softmax(-1);
        y.mul(g).sum().backward();
        float[] ys = y.toFloatArray();
        float[] gs = g.toFloatArray();
        double[] gx = new double[rows * n];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += (double) gs[r * n + i] * ys[r * n + i];
            }
            for (int i = 0; i < n; i++) {
                gx[r * n + i] = ys[r * n + i] * (gs[r * n + i] - s);
            }
        }
        close(x.grad(), gx, 1e-6);
        System.out.println("softmax backward " + x.shape() + ": matches a float64 loop");
    }

    private static void close(Tensor got, double[] expected, double tolerance) {
        float[] v = got.toFloatArray();
        assertThat(v).hasSize(expected.length);
        for (int i = 0; i < v.length; i++) {
            assertThat((double) v[i]).as("%s element %d", got.shape(), i).isCloseTo(expected[i], offset(tolerance * (1 + Math.abs(expected[i]))));
        }
    }
}
