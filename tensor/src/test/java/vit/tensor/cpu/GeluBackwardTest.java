// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.UnaryOp;

/**
 * GELU through autograd (the forward makes GELU and GELU' in one pass, {@code CpuBackend.geluWithGrad}; the backward
 * multiplies), on a contiguous and a transposed input: the output against {@link Formulas#gelu} and the gradient against
 * {@code g * GELU'(x)} from the plain formula {@link Formulas#unary}, element by element, tails included.
 */
class GeluBackwardTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 17, 129})
    void gradientIsGTimesTheDerivative(int n) {
        Generator gen = new Generator(n);
        for (boolean transposed : new boolean[] {false, true}) {
            Tensor base = Tensor.randn(Shape.of(n, 31), gen).mul(4f); // about 5% of the inputs beyond +-8
            Tensor x = (transposed ? base.mT() : base).requiresGrad(true);
            Tensor g = Tensor.randn(x.shape(), gen);
            Tensor y = x.gelu();
            y.mul(g).sum().backward();
            float[] xs = x.toFloatArray();
            float[] gs = g.toFloatArray();
            float[] ys = y.toFloatArray();
            float[] got = x.grad().toFloatArray();
            for (int i = 0; i < got.length; i++) {
                float gelu = (float) Formulas.gelu(xs[i]);
                assertThat(Math.abs(ys[i] - gelu)).as("%s GELU at element %d, x = %s", x.shape(), i, xs[i])
                    .isLessThanOrEqualTo(Math.ulp(gelu));
                float expected = gs[i] * Formulas.unary(UnaryOp.GELU_GRAD, xs[i]);
                assertThat(Math.abs(got[i] - expected)).as("%s element %d, x = %s", x.shape(), i, xs[i])
                    .isLessThanOrEqualTo(2 * Math.ulp(expected));
            }
            System.out.println("gelu backward " + x.shape() + (transposed ? " (transposed)" : "") + ": g * GELU'(x) within 2 ulp");
        }
    }
}
