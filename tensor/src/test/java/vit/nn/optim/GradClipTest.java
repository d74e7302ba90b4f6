// SPDX-License-Identifier: MIT
package vit.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import vit.nn.Parameter;
import vit.tensor.Tensor;

class GradClipTest {
    static Parameter withGrad(float[] value, float[] grad) {
        Parameter p = new Parameter(Tensor.of(value, value.length));
        p.value().setGrad(Tensor.of(grad, grad.length));
        return p;
    }

    @Test
    void scalesAllGradientsByOneFactorWhenTheTotalNormIsTooLarge() {
        // Gradients (3, 4) and (12): the total norm is sqrt(9 + 16 + 144) = 13.
        Parameter a = withGrad(new float[2], new float[] {3f, 4f});
        Parameter b = withGrad(new float[1], new float[] {12f});
        Parameter none = new Parameter(Tensor.zeros(2));
        double norm = GradClip.clipGradNorm(List.of(a, none, b), 6.5);
        assertThat(norm).isCloseTo(13.0, within(1e-6));
        double scale = 6.5 / (13.0 + 1e-6);
        assertThat(a.grad().toFloatArray()).containsExactly(new float[] {(float) (3 * scale), (float) (4 * scale)}, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat((double) b.grad().item()).isCloseTo(12 * scale, within(1e-6));
        assertThat(none.grad()).isNull();
        // Clipped once, the norm is now the limit.
        assertThat(GradClip.clipGradNorm(List.of(a, b), 100)).isCloseTo(6.5, within(1e-5));
        System.out.println("clipGradNorm([2], [1] -> 6.5): total norm " + norm);
    }

    @Test
    void smallGradientsAreLeftAsTheyAre() {
        Parameter a = withGrad(new float[3], new float[] {0.1f, -0.2f, 0.2f});
        assertThat(GradClip.clipGradNorm(List.of(a), 1.0)).isCloseTo(0.3, within(1e-7));
        assertThat(a.grad().toFloatArray()).containsExactly(0.1f, -0.2f, 0.2f);
        assertThat(GradClip.clipGradNorm(List.of(new Parameter(Tensor.zeros(1))), 1.0)).isZero();
        assertThatThrownBy(() -> GradClip.clipGradNorm(List.of(a), 0)).hasMessageContaining("maxNorm must be positive, got 0.0");
    }
}
