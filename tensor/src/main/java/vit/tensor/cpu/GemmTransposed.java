// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static vit.tensor.cpu.GemmKernel.L;
import static vit.tensor.cpu.GemmKernel.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * The product with a weight seen through {@code mT()}, {@code C[i][j] = sum_p A[i][p] W[j][p]} with {@code W[j][p] =
 * b[bOff + p + j*bCol]}, for few rows of A (one image), where packing (transposing) the weight costs about a sixth of
 * the product: the weight is read in place, six rows at a time, each a unit-stride stream in {@code p}.
 *
 * <p>The tile is turned around: {@code 2L} rows of A (packed, {@code Ap[ip*2L*k + p*2L + i] = A[ip*2L + i][p]}, zero
 * past {@code m}) by {@value #NJ} columns of C, held as {@code NJ * 2} vectors down the columns of C; per step, two
 * vector loads of A and {@value #NJ} broadcasts of W, as in {@link GemmKernel}. There is no blocking of {@code k}:
 * each element of C is one chain {@code c = fma(A[i][p], W[j][p], c)} in increasing {@code p} from 0, the arithmetic
 * of {@link GemmKernel} and of the scalar loop, so {@link Gemm} gives the same bits on either path. The finished tile
 * goes to C through a small scratch (it is transposed on the way).
 */
final class GemmTransposed {
    /** Columns of C per tile: one broadcast of W each per step. */
    static final int NJ = 6;
    /** Rows of C per tile: two vectors. */
    static final int MI = 2 * L;

    private static final ThreadLocal<float[]> PACKED_A = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[NJ * MI]);

    private GemmTransposed() {
    }

    static void run(int m, int n, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int bCol,
                    float[] c, int cOff, int ldc, float[] bias, int biasOff, GemmEpilogue ep) {
        int panels = (m + MI - 1) / MI;
        float[] buf = PACKED_A.get();
        if (buf.length < panels * MI * k) {
            buf = new float[panels * MI * k];
            PACKED_A.set(buf);
        }
        float[] ap = buf;
        Parallel.range(panels, 1, (from, to) -> pack(m, k, a, aOff, aRow, aCol, ap, from, to));
        boolean finish = bias != null || ep != GemmEpilogue.NONE;
        int tiles = (n + NJ - 1) / NJ;
        Parallel.range(tiles, 1, (from, to) -> {
            float[] scratch = SCRATCH.get();
            for (int t = from; t < to; t++) {
                int j0 = t * NJ;
                int cols = Math.min(NJ, n - j0);
                for (int ip = 0; ip < panels; ip++) {
                    int rows = Math.min(MI, m - ip * MI);
                    if (rows <= L) {
                        halfTile(k, ap, ip * MI * k, b, bOff + j0 * bCol, bCol, cols, scratch);
                    } else {
                        tile(k, ap, ip * MI * k, b, bOff + j0 * bCol, bCol, cols, scratch);
                    }
                    int o = cOff + ip * MI * ldc + j0;
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < cols; j++) {
                            c[o + i * ldc + j] = scratch[j * MI + i];
                        }
                    }
                    if (finish) {
                        ep.apply(c, o, ldc, rows, cols, bias, biasOff + j0);
                    }
                }
            }
        });
    }

    /** Packs row panels {@code [from, to)} of A. */
    private static void pack(int m, int k, float[] a, int aOff, int aRow, int aCol, float[] dst, int from, int to) {
        for (int ip = from; ip < to; ip++) {
            int d = ip * MI * k;
            int rows = Math.min(MI, m - ip * MI);
            if (rows < MI) {
                java.util.Arrays.fill(dst, d, d + MI * k, 0f);
            }
            for (int i = 0; i < rows; i++) {
                int s = aOff + (ip * MI + i) * aRow;
                for (int p = 0; p < k; p++) {
                    dst[d + p * MI + i] = a[s + p * aCol];
                }
            }
        }
    }

    /**
     * {@code scratch[j*MI + i] = sum_p Ap[aOff + p*MI + i] W[j][p]}, row j of W at {@code b[w + j*bCol]}; the columns
     * past {@code cols} repeat the last row of W (computed, never stored), so that nothing past W is read.
     */
    private static void tile(int k, float[] ap, int aOff, float[] b, int w, int bCol, int cols, float[] scratch) {
        int w0 = w + Math.min(0, cols - 1) * bCol;
        int w1 = w + Math.min(1, cols - 1) * bCol;
        int w2 = w + Math.min(2, cols - 1) * bCol;
        int w3 = w + Math.min(3, cols - 1) * bCol;
        int w4 = w + Math.min(4, cols - 1) * bCol;
        int w5 = w + Math.min(5, cols - 1) * bCol;
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        for (int p = 0; p < k; p++) {
            int pa = aOff + p * MI;
            FloatVector a0 = FloatVector.fromArray(SPECIES, ap, pa);
            FloatVector a1 = FloatVector.fromArray(SPECIES, ap, pa + L);
            FloatVector x = FloatVector.broadcast(SPECIES, b[w0 + p]);
            c00 = a0.fma(x, c00);
            c01 = a1.fma(x, c01);
            x = FloatVector.broadcast(SPECIES, b[w1 + p]);
            c10 = a0.fma(x, c10);
            c11 = a1.fma(x, c11);
            x = FloatVector.broadcast(SPECIES, b[w2 + p]);
            c20 = a0.fma(x, c20);
            c21 = a1.fma(x, c21);
            x = FloatVector.broadcast(SPECIES, b[w3 + p]);
            c30 = a0.fma(x, c30);
            c31 = a1.fma(x, c31);
            x = FloatVector.broadcast(SPECIES, b[w4 + p]);
            c40 = a0.fma(x, c40);
            c41 = a1.fma(x, c41);
            x = FloatVector.broadcast(SPECIES, b[w5 + p]);
            c50 = a0.fma(x, c50);
            c51 = a1.fma(x, c51);
        }
        c00.intoArray(scratch, 0 * L);
        c01.intoArray(scratch, 1 * L);
        c10.intoArray(scratch, 2 * L);
        c11.intoArray(scratch, 3 * L);
        c20.intoArray(scratch, 4 * L);
        c21.intoArray(scratch, 5 * L);
        c30.intoArray(scratch, 6 * L);
        c31.intoArray(scratch, 7 * L);
        c40.intoArray(scratch, 8 * L);
        c41.intoArray(scratch, 9 * L);
        c50.intoArray(scratch, 10 * L);
        c51.intoArray(scratch, 11 * L);
    }

    /** {@link #tile} for a last panel of at most {@code L} rows: one vector per column, half the work. */
    private static void halfTile(int k, float[] ap, int aOff, float[] b, int w, int bCol, int cols, float[] scratch) {
        int w0 = w + Math.min(0, cols - 1) * bCol;
        int w1 = w + Math.min(1, cols - 1) * bCol;
        int w2 = w + Math.min(2, cols - 1) * bCol;
        int w3 = w + Math.min(3, cols - 1) * bCol;
        int w4 = w + Math.min(4, cols - 1) * bCol;
        int w5 = w + Math.min(5, cols - 1) * bCol;
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        for (int p = 0; p < k; p++) {
            FloatVector a0 = FloatVector.fromArray(SPECIES, ap, aOff + p * MI);
            c00 = a0.fma(FloatVector.broadcast(SPECIES, b[w0 + p]), c00);
            c10 = a0.fma(FloatVector.broadcast(SPECIES, b[w1 + p]), c10);
            c20 = a0.fma(FloatVector.broadcast(SPECIES, b[w2 + p]), c20);
            c30 = a0.fma(FloatVector.broadcast(SPECIES, b[w3 + p]), c30);
            c40 = a0.fma(FloatVector.broadcast(SPECIES, b[w4 + p]), c40);
            c50 = a0.fma(FloatVector.broadcast(SPECIES, b[w5 + p]), c50);
        }
        c00.intoArray(scratch, 0 * L);
        c10.intoArray(scratch, 2 * L);
        c20.intoArray(scratch, 4 * L);
        c30.intoArray(scratch, 6 * L);
        c40.intoArray(scratch, 8 * L);
        c50.intoArray(scratch, 10 * L);
    }
}
