// SPDX-License-Identifier: MIT
package vit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Factories, shapes and the seeded generator. */
class CreationTest {
    @Test
    void factories() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        System.out.println("of " + a.shape() + ", scalar " + Tensor.scalar(2f).shape());
        assertThat(a.get(1, 0)).isEqualTo(4f);
        assertThat(a.get(-1, -1)).isEqualTo(6f);
        assertThat(Tensor.scalar(2f).shape().rank()).isZero();
        assertThat(Tensor.zeros(2, 3).toFloatArray()).containsOnly(0f).hasSize(6);
        assertThat(Tensor.ones(Shape.of(4)).toFloatArray()).containsOnly(1f).hasSize(4);
        assertThat(Tensor.full(Shape.of(1, 2), 7f).toFloatArray()).containsExactly(7f, 7f);
        assertThat(a.zerosLike().shape()).isEqualTo(a.shape());
        assertThat(a.onesLike().toFloatArray()).containsOnly(1f);
        assertThat(Tensor.arange(4).toFloatArray()).containsExactly(0, 1, 2, 3);
        assertThat(Tensor.arange(5, 0, -2).toFloatArray()).containsExactly(5, 3, 1);
        assertThat(Tensor.arange(0, 1, 0.25f).toFloatArray()).containsExactly(0, 0.25f, 0.5f, 0.75f);
        assertThat(Tensor.arange(3, 3, 1).shape()).isEqualTo(Shape.of(0));
        float[] data = {1, 2};
        Tensor copy = Tensor.of(data, 2);
        data[0] = 99;
        assertThat(copy.toFloatArray()).as("of() copies its input").containsExactly(1, 2);
    }

    @Test
    void randomTensorsAreReproducibleFromTheSeed() {
        Tensor u = Tensor.rand(Shape.of(100, 50), new Generator(1));
        assertThat(u.toFloatArray()).isEqualTo(Tensor.rand(Shape.of(100, 50), new Generator(1)).toFloatArray());
        assertThat(u.toFloatArray()).isNotEqualTo(Tensor.rand(Shape.of(100, 50), new Generator(2)).toFloatArray());
        Reference r = Reference.of(u);
        double mean = 0;
        for (double v : r.v) {
            assertThat(v).isBetween(0.0, 1.0).isNotEqualTo(1.0);
            mean += v / r.v.length;
        }
        Tensor n = Tensor.randn(Shape.of(100, 50), new Generator(1));
        double m = 0;
        double sq = 0;
        for (float v : n.toFloatArray()) {
            m += v / 5000.0;
            sq += v * (double) v / 5000.0;
        }
        System.out.printf("rand %s mean %.4f; randn mean %.4f, variance %.4f%n", u.shape(), mean, m, sq - m * m);
        assertThat(mean).isBetween(0.48, 0.52);
        assertThat(m).isBetween(-0.05, 0.05);
        assertThat(sq - m * m).isBetween(0.95, 1.05);
        Generator g = new Generator(4);
        for (int i = 0; i < 1000; i++) {
            assertThat(g.nextInt(7)).isBetween(0, 6);
        }
    }

    @Test
    void shapes() {
        assertThat(Shape.of(1, 197, 768).toString()).isEqualTo("[1, 197, 768]");
        assertThat(Shape.of(2, 3).numel()).isEqualTo(6);
        assertThat(Shape.of(2, 3).dim(-1)).isEqualTo(3);
        assertThat(Shape.of(2, 3).with(-2, 5)).isEqualTo(Shape.of(5, 3));
        assertThat(Shape.broadcast(Shape.of(4, 1, 3), Shape.of(5, 1))).isEqualTo(Shape.of(4, 5, 3));
        assertThat(Shape.of(2, 3).contiguousStrides()).containsExactly(3, 1);
        assertThat(Shape.scalar().numel()).isEqualTo(1);
    }

    @Test
    void errorsNameTheShapes() {
        assertThatThrownBy(() -> Shape.of(2, -1)).hasMessageContaining("-1").hasMessageContaining("[2, -1]");
        assertThatThrownBy(() -> Shape.of(2, 3).dim(2)).hasMessageContaining("got 2").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> Shape.broadcast(Shape.of(4, 2), Shape.of(3)))
            .hasMessageContaining("[4, 2]").hasMessageContaining("[3]").hasMessageContaining("size 2 vs 3");
        assertThatThrownBy(() -> Tensor.zeros(70000, 70000)).hasMessageContaining("[70000, 70000]").hasMessageContaining("2^31-1");
        assertThatThrownBy(() -> Tensor.arange(0, 3, 0)).hasMessageContaining("step");
        assertThatThrownBy(() -> new Generator(1).nextInt(0)).hasMessageContaining("got 0");
    }
}
