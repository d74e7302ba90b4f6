// SPDX-License-Identifier: MIT
package vit.mlp.exercises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vit.nn.Linear;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * The check of exercise 05.4: {@code x + gamma * fn(x)} by plain loops. Run it on your code with
 * {@code mvn -pl 05-residual-mlp test -Pexercises -Dtest=LayerScaleResidualTest}.
 */
class LayerScaleResidualTest {
    @Test
    @DisplayName("Exercise 05.4: LayerScale: one learned scale per channel on the branch")
    void ex4_layerScale() {
        Generator gen = new Generator(4);
        Linear fn = new Linear(5, 5, gen);
        LayerScaleResidual res = new LayerScaleResidual(fn, 5, 0.1f);
        assertThat(res.namedParameters()).as("Exercise 05.4: gamma is registered as a parameter").containsKey("gamma");
        assertThat(res.parameterCount()).as("Exercise 05.4: fn's parameters and gamma").isEqualTo(fn.parameterCount() + 5);
        assertThat(res.gamma().value().toFloatArray()).containsOnly(0.1f);
        res.gamma().set(Tensor.of(new float[] {0f, 0.5f, 1f, -1f, 2f}, 5));
        Tensor x = Tensor.randn(Shape.of(2, 3, 5), gen);
        Tensor y = res.apply(x);
        System.out.println("LayerScaleResidual " + x.shape() + " -> " + y.shape());
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3, 5));
        float[] xs = x.toFloatArray();
        float[] w = fn.weight().value().toFloatArray();
        float[] b = fn.bias().value().toFloatArray();
        float[] gamma = {0f, 0.5f, 1f, -1f, 2f};
        float[] got = y.toFloatArray();
        for (int r = 0; r < 6; r++) {
            for (int o = 0; o < 5; o++) {
                double branch = b[o];
                for (int k = 0; k < 5; k++) {
                    branch += (double) xs[r * 5 + k] * w[o * 5 + k];
                }
                assertThat((double) got[r * 5 + o]).as("token %d, channel %d", r, o)
                    .isCloseTo(xs[r * 5 + o] + gamma[o] * branch, offset(1e-5));
            }
        }
        LayerScaleResidual zero = new LayerScaleResidual(fn, 5, 0f);
        assertThat(zero.apply(x).toFloatArray()).as("gamma = 0 makes the block the identity").containsExactly(xs);
    }
}
