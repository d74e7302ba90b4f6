// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import vit.tensor.BinaryOp;

/**
 * Two rows combined elementwise by one of the four arithmetic ops, in the three patterns a network makes: both
 * contiguous, the second one value along the row ({@code x - mean} with per-row statistics: step 0), or the first
 * one value along the row. One loop per op and pattern, which the JIT vectorizes, where {@link Formulas#binary}
 * would switch on the op at every element. The same float operation, so the same bits ({@code BinaryArithmeticTest}).
 */
final class BinaryArithmetic {
    private BinaryArithmetic() {
    }

    /**
     * {@code o[w + i] = a[p + i * as] op b[q + i * bs]} for {@code i < n}, where each step is 0 or 1 (not both 0);
     * false, having done nothing, for other ops or steps.
     */
    static boolean apply(BinaryOp op, float[] a, int p, int as, float[] b, int q, int bs, float[] o, int w, int n) {
        if (as == 1 && bs == 1) {
            return both(op, a, p, b, q, o, w, n);
        }
        if (as == 1 && bs == 0) {
            return ScalarArithmetic.apply(op, a, p, b[q], o, w, n);
        }
        if (as == 0 && bs == 1) {
            return scalarFirst(op, a[p], b, q, o, w, n);
        }
        return false;
    }

    private static boolean both(BinaryOp op, float[] a, int p, float[] b, int q, float[] o, int w, int n) {
        switch (op) {
            case ADD:
                for (int i = 0; i < n; i++) {
                    o[w + i] = a[p + i] + b[q + i];
                }
                return true;
            case SUB:
                for (int i = 0; i < n; i++) {
                    o[w + i] = a[p + i] - b[q + i];
                }
                return true;
            case MUL:
                for (int i = 0; i < n; i++) {
                    o[w + i] = a[p + i] * b[q + i];
                }
                return true;
            case DIV:
                for (int i = 0; i < n; i++) {
                    o[w + i] = a[p + i] / b[q + i];
                }
                return true;
            default:
                return false;
        }
    }

    private static boolean scalarFirst(BinaryOp op, float s, float[] b, int q, float[] o, int w, int n) {
        switch (op) {
            case ADD:
                for (int i = 0; i < n; i++) {
                    o[w + i] = s + b[q + i];
                }
                return true;
            case SUB:
                for (int i = 0; i < n; i++) {
                    o[w + i] = s - b[q + i];
                }
                return true;
            case MUL:
                for (int i = 0; i < n; i++) {
                    o[w + i] = s * b[q + i];
                }
                return true;
            case DIV:
                for (int i = 0; i < n; i++) {
                    o[w + i] = s / b[q + i];
                }
                return true;
            default:
                return false;
        }
    }
}
