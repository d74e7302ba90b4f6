// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

/**
 * Single-precision matrix product {@code C = A B} with arbitrary strides:
 * {@code C[i][j] = sum_p A[i][p] * B[p][j]}, where {@code A[i][p] = a[aOff + i*aRow + p*aCol]},
 * {@code B[p][j] = b[bOff + p*bRow + j*bCol]} and {@code C[i][j] = c[cOff + i*ldc + j]}. {@code C} is
 * overwritten. Rows of C are split across threads; each row is summed in the same order on any count.
 */
public final class Gemm {
    private Gemm() {
    }

    public static void sgemm(int m, int n, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int bRow, int bCol,
                             float[] c, int cOff, int ldc) {
        reference(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, ldc);
    }

    /** The plain triple loop, the control every faster path is tested against. */
    public static void reference(int m, int n, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int bRow, int bCol,
                                 float[] c, int cOff, int ldc) {
        Parallel.range(m, Math.max(1, (1 << 16) / Math.max(1, n * Math.max(1, k))), (from, to) -> {
            for (int i = from; i < to; i++) {
                int ci = cOff + i * ldc;
                java.util.Arrays.fill(c, ci, ci + n, 0f);
                for (int p = 0; p < k; p++) {
                    float aip = a[aOff + i * aRow + p * aCol];
                    int bp = bOff + p * bRow;
                    if (bCol == 1) {
                        for (int j = 0; j < n; j++) {
                            c[ci + j] += aip * b[bp + j];
                        }
                    } else {
                        for (int j = 0; j < n; j++) {
                            c[ci + j] += aip * b[bp + j * bCol];
                        }
                    }
                }
            }
        });
    }
}
