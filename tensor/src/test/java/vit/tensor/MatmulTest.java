// SPDX-License-Identifier: MIT
package vit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code matmul} by PyTorch's rules: vectors, matrices, broadcast batches, any strides. */
class MatmulTest {
    private final Generator gen = new Generator(41);

    private void check(Tensor a, Tensor b, int... expectedShape) {
        Tensor c = a.matmul(b);
        System.out.println("matmul " + a.shape() + " @ " + b.shape() + " -> " + c.shape());
        assertThat(c.shape()).isEqualTo(Shape.of(expectedShape));
        Check.close("matmul " + a.shape() + "@" + b.shape(), c, Reference.matmul(Reference.of(a), Reference.of(b)));
    }

    @Test
    void matricesAndBatches() {
        check(Check.randn(gen, 5, 7), Check.randn(gen, 7, 3), 5, 3);
        check(Check.randn(gen, 1, 9), Check.randn(gen, 9, 1), 1, 1);
        check(Check.randn(gen, 2, 3, 5, 7), Check.randn(gen, 2, 3, 7, 4), 2, 3, 5, 4);
        check(Check.randn(gen, 4, 1, 5, 7), Check.randn(gen, 3, 7, 2), 4, 3, 5, 2);     // batch broadcast [4,1] with [3]
        check(Check.randn(gen, 5, 7), Check.randn(gen, 3, 7, 2), 3, 5, 2);              // matrix times batch
        check(Check.randn(gen, 2, 5, 7), Check.randn(gen, 7, 6), 2, 5, 6);
        check(Check.randn(gen, 2, 1, 5, 7).expand(2, 3, 5, 7), Check.randn(gen, 7, 6), 2, 3, 5, 6);
    }

    @Test
    void nonContiguousOperands() {
        check(Check.permuted(gen, 5, 7), Check.permuted(gen, 7, 3), 5, 3);
        check(Check.strided(gen, 3, 5, 7), Check.permuted(gen, 3, 7, 4), 3, 5, 4);
        Tensor q = Check.randn(gen, 2, 6, 3, 4).permute(0, 2, 1, 3);                    // [2, 3, 6, 4], attention-like
        check(q, q.mT(), 2, 3, 6, 6);
        check(Check.randn(gen, 9, 5).slice(0, 1, 9, 2), Check.randn(gen, 5, 11).slice(1, 0, 11, 3), 4, 4);
    }

    @Test
    void vectorOperands() {
        check(Check.randn(gen, 7), Check.randn(gen, 7, 3), 3);
        check(Check.randn(gen, 5, 7), Check.randn(gen, 7), 5);
        check(Check.randn(gen, 7), Check.randn(gen, 2, 7, 3), 2, 3);
        check(Check.randn(gen, 2, 5, 7), Check.randn(gen, 7), 2, 5);
        check(Check.randn(gen, 7), Check.strided(gen, 7), new int[0]);
    }

    @Test
    void errorsNameTheShapes() {
        assertThatThrownBy(() -> Tensor.zeros(5, 7).matmul(Tensor.zeros(6, 3)))
            .hasMessageContaining("[5, 7]").hasMessageContaining("[6, 3]").hasMessageContaining("5x7 and 6x3");
        assertThatThrownBy(() -> Tensor.zeros(2, 5, 7).matmul(Tensor.zeros(3, 7, 3)))
            .hasMessageContaining("[2, 5, 7]").hasMessageContaining("[3, 7, 3]").hasMessageContaining("batch");
        assertThatThrownBy(() -> Tensor.scalar(1f).matmul(Tensor.zeros(3)))
            .hasMessageContaining("[]").hasMessageContaining("[3]");
        assertThatThrownBy(() -> Tensor.zeros(4).matmul(Tensor.zeros(5)))
            .hasMessageContaining("[4]").hasMessageContaining("[5]");
    }
}
