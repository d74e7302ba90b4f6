// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vit.tensor.BinaryOp;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/** {@link ScalarArithmetic} through {@code binaryScalar} (contiguous rows) against {@link Formulas#binary}, element by element. */
class ScalarArithmeticTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 33, 197, 40_001})
    void contiguousScalarOpsEqualTheFormula(int n) {
        Generator g = new Generator(n);
        Tensor x = Tensor.randn(Shape.of(3, n), g);
        Tensor sliced = x.slice(1, 1, n); // rows with an offset
        float s = 0.37f;
        float[] xs = x.toFloatArray();
        float[] ss = sliced.toFloatArray();
        for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.POW, BinaryOp.MAX}) {
            for (Tensor t : new Tensor[] {x, sliced}) {
                float[] in = t == x ? xs : ss;
                Tensor out = Tensor.zeros(t.shape());
                CpuBackend.instance().binaryScalar(op, t, s, out);
                float[] got = out.toFloatArray();
                for (int i = 0; i < in.length; i++) {
                    float expected = Formulas.binary(op, in[i], s);
                    if (Float.isNaN(expected)) {
                        assertThat(got[i]).isNaN();
                    } else {
                        assertThat(got[i]).as("%s %s element %d", op, t.shape(), i).isEqualTo(expected);
                    }
                }
            }
        }
        System.out.println("binaryScalar " + x.shape() + " and " + sliced.shape() + ": every element equals Formulas.binary");
    }
}
