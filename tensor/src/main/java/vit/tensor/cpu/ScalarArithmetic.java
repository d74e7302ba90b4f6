// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import vit.tensor.BinaryOp;

/**
 * A contiguous row combined with a scalar ({@code x / sqrt(d)} in attention, {@code x * scale}): one loop per op,
 * which the JIT vectorizes, where {@link Formulas#binary} would switch on the op at every element. The same
 * float operation, so the same bits ({@code ScalarArithmeticTest}).
 */
final class ScalarArithmetic {
    private ScalarArithmetic() {
    }

    /**
     * {@code o[w + i] = a[p + i] op s} for {@code i < n} and the four arithmetic ops; false, having done nothing, for
     * the other ops.
     */
    static boolean apply(BinaryOp op, float[] a, int p, float s, float[] o, int w, int n) {
        switch (op) {
            case ADD:
                for (int i = 0; i < n; i++) {
                    o[w + i] = a[p + i] + s;
                }
                return true;
            case SUB:
                for (int i = 0; i < n; i++) {
                    o[w + i] = a[p + i] - s;
                }
                return true;
            case MUL:
                for (int i = 0; i < n; i++) {
                    o[w + i] = a[p + i] * s;
                }
                return true;
            case DIV:
                for (int i = 0; i < n; i++) {
                    o[w + i] = a[p + i] / s;
                }
                return true;
            default:
                return false;
        }
    }
}
