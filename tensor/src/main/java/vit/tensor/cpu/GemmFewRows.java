// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

/**
 * The product of a few rows with a weight seen through {@code mT()}, {@code C[i][j] = sum_p A[i][p] W[j][p]} with
 * {@code W[j][p] = b[bOff + p + j*bCol]}: the classifier head, {@code [1, 768] @ [768, 1000]}. A tile of the blocked
 * paths would be mostly padding and the weight would be packed for one use; here each element is a scalar chain
 * {@code c = fma(A[i][p], W[j][p], c)} in increasing {@code p} (the arithmetic of every other path, so the same
 * bits), four columns at a time so that four chains are in flight, each reading a row of W front to back.
 */
final class GemmFewRows {
    /** At most this many rows take this path. */
    static final int MAX_ROWS = 4;

    private GemmFewRows() {
    }

    static void run(int m, int n, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int bCol,
                    float[] c, int cOff, int ldc, float[] bias, int biasOff, GemmEpilogue ep) {
        boolean finish = bias != null || ep != GemmEpilogue.NONE;
        Parallel.range(n, Math.max(1, (1 << 14) / Math.max(1, m * k)), (from, to) -> {
            for (int i = 0; i < m; i++) {
                int ai = aOff + i * aRow;
                int ci = cOff + i * ldc;
                int j = from;
                for (; j + 4 <= to; j += 4) {
                    int w0 = bOff + j * bCol;
                    int w1 = w0 + bCol;
                    int w2 = w1 + bCol;
                    int w3 = w2 + bCol;
                    float s0 = 0;
                    float s1 = 0;
                    float s2 = 0;
                    float s3 = 0;
                    for (int p = 0; p < k; p++) {
                        float x = a[ai + p * aCol];
                        s0 = Math.fma(x, b[w0 + p], s0);
                        s1 = Math.fma(x, b[w1 + p], s1);
                        s2 = Math.fma(x, b[w2 + p], s2);
                        s3 = Math.fma(x, b[w3 + p], s3);
                    }
                    c[ci + j] = s0;
                    c[ci + j + 1] = s1;
                    c[ci + j + 2] = s2;
                    c[ci + j + 3] = s3;
                }
                for (; j < to; j++) {
                    int w = bOff + j * bCol;
                    float s = 0;
                    for (int p = 0; p < k; p++) {
                        s = Math.fma(a[ai + p * aCol], b[w + p], s);
                    }
                    c[ci + j] = s;
                }
                if (finish) {
                    ep.apply(c, ci + from, ldc, 1, to - from, bias, biasOff + from);
                }
            }
        });
    }
}
