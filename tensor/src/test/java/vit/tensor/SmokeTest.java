// SPDX-License-Identifier: MIT
package vit.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void matmulAddSoftmaxAndGradients() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        Tensor c = a.matmul(b);
        assertThat(c.toFloatArray()).containsExactly(4, 5, 10, 11);
        assertThat(c.shape().toString()).isEqualTo("[2, 2]");
        Tensor s = c.softmax(-1);
        float[] sv = s.toFloatArray();
        assertThat(sv[0] + sv[1]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
        c.sum().backward();
        // d(sum(a b))/da[i][p] = sum_j b[p][j]
        assertThat(a.grad().toFloatArray()).containsExactly(1, 1, 2, 1, 1, 2);
        Tensor t = a.transpose(0, 1).contiguous();
        assertThat(t.toFloatArray()).containsExactly(1, 4, 2, 5, 3, 6);
        assertThat(a.reshape(3, 2).permute(1, 0).reshape(-1).toFloatArray()).containsExactly(1, 3, 5, 2, 4, 6);
        assertThat(a.sum(0, false).toFloatArray()).containsExactly(5, 7, 9);
        assertThat(a.mean(1, true).shape()).isEqualTo(Shape.of(2, 1));
    }
}
