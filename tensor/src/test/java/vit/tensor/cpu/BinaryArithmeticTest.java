// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vit.tensor.BinaryOp;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * {@link BinaryArithmetic} through {@code binary}: same shapes, a row broadcast ({@code [r, n] + [n]}, a bias), a column
 * broadcast ({@code [r, n] - [r, 1]}, per-row statistics) and the reverse ({@code [r, 1] / [r, n]}), each element
 * against {@link Formulas#binary} of the two inputs picked by index in the test.
 */
class BinaryArithmeticTest {
    private static final BinaryOp[] OPS = {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.MAX};

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 17, 65, 257})
    void broadcastPatternsEqualTheFormula(int n) {
        int rows = 37;
        Generator g = new Generator(n);
        Tensor x = Tensor.randn(Shape.of(rows, n), g);
        Tensor y = Tensor.randn(Shape.of(rows, n), g).add(3f);
        Tensor bias = Tensor.randn(Shape.of(n), g);
        Tensor stat = Tensor.randn(Shape.of(rows, 1), g).add(3f);
        float[] xs = x.toFloatArray();
        float[] ys = y.toFloatArray();
        float[] bs = bias.toFloatArray();
        float[] ss = stat.toFloatArray();
        for (BinaryOp op : OPS) {
            check(op, x, y, n, (r, i) -> Formulas.binary(op, xs[r * n + i], ys[r * n + i]));
            check(op, x, bias, n, (r, i) -> Formulas.binary(op, xs[r * n + i], bs[i]));
            check(op, x, stat, n, (r, i) -> Formulas.binary(op, xs[r * n + i], ss[r]));
            check(op, stat, y, n, (r, i) -> Formulas.binary(op, ss[r], ys[r * n + i]));
        }
        System.out.println("binary " + x.shape() + " with " + y.shape() + ", " + bias.shape() + ", " + stat.shape()
            + ": every element equals Formulas.binary");
    }

    private interface Expected {
        float at(int row, int col);
    }

    private static void check(BinaryOp op, Tensor a, Tensor b, int n, Expected expected) {
        Shape s = Shape.broadcast(a.shape(), b.shape());
        Tensor out = Tensor.zeros(s);
        CpuBackend.instance().binary(op, a.expand(s), b.expand(s), out);
        float[] got = out.toFloatArray();
        for (int k = 0; k < got.length; k++) {
            assertThat(got[k]).as("%s %s %s element %d", op, a.shape(), b.shape(), k).isEqualTo(expected.at(k / n, k % n));
        }
    }
}
