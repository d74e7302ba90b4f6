// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GEMM micro-kernel: one {@code MR x NR} tile of {@code C} from packed panels, held in
 * {@code MR * 2} vector registers while it runs over {@code kc} steps.
 *
 * <p>{@code C[i][j] = fma(Ap[p*MR + i], Bp[p*NR + j], C[i][j])} for {@code p = 0 .. kc-1}, starting from
 * {@code C[i][j] = 0} for the first block of {@code k} and from the stored value for the later ones. So each
 * element of the product is one chain of fused multiply-adds in increasing {@code p}, the same arithmetic as
 * the scalar loop {@code c = Math.fma(a[i][p], b[p][j], c)}, whichever tile, thread or block it lands in.
 * The species is the widest the CPU offers (16 floats on AVX-512, 8 on AVX2, 4 on NEON); {@code MR} is 6 or 4 rows,
 * as the machine's register count allows ({@link Blocking}), each with its own unrolled loop.
 *
 * <p>Vectors never leave a method: on JDK 17 a vector passed to a call that is not inlined is boxed on
 * the heap, at every step of the loop that produced it. So each tile shape is written out whole.
 */
final class GemmKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Vector length in floats. */
    static final int L = SPECIES.length();
    /** Rows of a tile: one broadcast of A each per step (6 or 4, {@link Blocking}). */
    static final int MR = Blocking.CURRENT.kernelRows();
    /** Columns of a tile: two vectors of B per step. */
    static final int NR = 2 * L;
    /** The starting tile of the first block, read with row stride 0. */
    private static final float[] ZERO = new float[NR];

    private GemmKernel() {
    }

    /**
     * Computes one tile. {@code ap}/{@code bp} are the packed panels ({@link Packing}); the tile is
     * {@code c[cOff + i*ldc + j]} for {@code i < rows}, {@code j < cols}. A tile cut by the edge of C goes
     * through {@code scratch} (at least {@code MR * NR} floats) so that nothing outside it is touched.
     */
    static void tile(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] c, int cOff, int ldc,
                     int rows, int cols, boolean accumulate, float[] scratch) {
        tile(kc, ap, aOff, 1, MR, bp, bOff, NR, c, cOff, ldc, rows, cols, accumulate, scratch);
    }

    /**
     * The same tile with A and B read in place: {@code A[i][p] = a[aOff + i*aRow + p*aCol]} for {@code i < rows}, and
     * {@code B[p][j] = bp[bOff + p*ldb + j]} for {@code j < NR}, all of them there to read. Rows past {@code rows}
     * repeat the last one (computed, never stored), so nothing outside A is read. A packed panel of A is the case
     * {@code aRow = 1, aCol = MR}, one of B {@code ldb = NR}; a row-major A ({@code aCol = 1}) or a transposed one
     * ({@code aRow = 1}) needs no packing at all, nor does a row-major B of at least {@code NR} columns.
     */
    static void tile(int kc, float[] a, int aOff, int aRow, int aCol, float[] bp, int bOff, int ldb, float[] c, int cOff, int ldc,
                     int rows, int cols, boolean accumulate, float[] scratch) {
        boolean full = rows == MR && cols == NR;
        float[] t = full ? c : scratch;
        int o = full ? cOff : 0;
        int ld = full ? ldc : NR;
        if (!full && accumulate) {
            copy(c, cOff, ldc, scratch, 0, NR, rows, cols);
        }
        float[] s = accumulate ? t : ZERO;
        int so = accumulate ? o : 0;
        int sld = accumulate ? ld : 0;
        if (MR == 6 && aCol == 1 && ldb == NR) {
            rows6RowMajor(kc, a, aOff, aRow, bp, bOff, rows, s, so, sld, t, o, ld);
        } else if (MR == 6) {
            rows6(kc, a, aOff, aRow, aCol, bp, bOff, ldb, rows, s, so, sld, t, o, ld);
        } else if (aCol == 1 && ldb == NR) {
            rows4RowMajor(kc, a, aOff, aRow, bp, bOff, rows, s, so, sld, t, o, ld);
        } else {
            rows4(kc, a, aOff, aRow, aCol, bp, bOff, ldb, rows, s, so, sld, t, o, ld);
        }
        if (!full) {
            copy(scratch, 0, NR, c, cOff, ldc, rows, cols);
        }
    }

    /**
     * The 6-row tile: starts from {@code s[so + i*sld + j]}, stores to {@code t[o + i*ld + j]}. Rows past {@code rows} repeat
     * the last one.
     */
    private static void rows6(int kc, float[] a, int aOff, int aRow, int aCol, float[] bp, int bOff, int ldb, int rows,
                              float[] s, int so, int sld, float[] t, int o, int ld) {
        FloatVector c00 = FloatVector.fromArray(SPECIES, s, so);
        FloatVector c01 = FloatVector.fromArray(SPECIES, s, so + L);
        FloatVector c10 = FloatVector.fromArray(SPECIES, s, so + sld);
        FloatVector c11 = FloatVector.fromArray(SPECIES, s, so + sld + L);
        FloatVector c20 = FloatVector.fromArray(SPECIES, s, so + 2 * sld);
        FloatVector c21 = FloatVector.fromArray(SPECIES, s, so + 2 * sld + L);
        FloatVector c30 = FloatVector.fromArray(SPECIES, s, so + 3 * sld);
        FloatVector c31 = FloatVector.fromArray(SPECIES, s, so + 3 * sld + L);
        FloatVector c40 = FloatVector.fromArray(SPECIES, s, so + 4 * sld);
        FloatVector c41 = FloatVector.fromArray(SPECIES, s, so + 4 * sld + L);
        FloatVector c50 = FloatVector.fromArray(SPECIES, s, so + 5 * sld);
        FloatVector c51 = FloatVector.fromArray(SPECIES, s, so + 5 * sld + L);
        int r1 = Math.min(1, rows - 1) * aRow;
        int r2 = Math.min(2, rows - 1) * aRow;
        int r3 = Math.min(3, rows - 1) * aRow;
        int r4 = Math.min(4, rows - 1) * aRow;
        int r5 = Math.min(5, rows - 1) * aRow;
        int pa = aOff;
        int pb = bOff;
        for (int p = 0; p < kc; p++, pa += aCol, pb += ldb) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, pb);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, pb + L);
            FloatVector x = FloatVector.broadcast(SPECIES, a[pa]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[pa + r1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[pa + r2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[pa + r3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[pa + r4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[pa + r5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        c00.intoArray(t, o);
        c01.intoArray(t, o + L);
        c10.intoArray(t, o + ld);
        c11.intoArray(t, o + ld + L);
        c20.intoArray(t, o + 2 * ld);
        c21.intoArray(t, o + 2 * ld + L);
        c30.intoArray(t, o + 3 * ld);
        c31.intoArray(t, o + 3 * ld + L);
        c40.intoArray(t, o + 4 * ld);
        c41.intoArray(t, o + 4 * ld + L);
        c50.intoArray(t, o + 5 * ld);
        c51.intoArray(t, o + 5 * ld + L);
    }

    /** The 4-row tile, for 16 vector registers ({@link Blocking}); otherwise as {@link #rows6}. */
    private static void rows4(int kc, float[] a, int aOff, int aRow, int aCol, float[] bp, int bOff, int ldb, int rows,
                              float[] s, int so, int sld, float[] t, int o, int ld) {
        FloatVector c00 = FloatVector.fromArray(SPECIES, s, so);
        FloatVector c01 = FloatVector.fromArray(SPECIES, s, so + L);
        FloatVector c10 = FloatVector.fromArray(SPECIES, s, so + sld);
        FloatVector c11 = FloatVector.fromArray(SPECIES, s, so + sld + L);
        FloatVector c20 = FloatVector.fromArray(SPECIES, s, so + 2 * sld);
        FloatVector c21 = FloatVector.fromArray(SPECIES, s, so + 2 * sld + L);
        FloatVector c30 = FloatVector.fromArray(SPECIES, s, so + 3 * sld);
        FloatVector c31 = FloatVector.fromArray(SPECIES, s, so + 3 * sld + L);
        int r1 = Math.min(1, rows - 1) * aRow;
        int r2 = Math.min(2, rows - 1) * aRow;
        int r3 = Math.min(3, rows - 1) * aRow;
        int pa = aOff;
        int pb = bOff;
        for (int p = 0; p < kc; p++, pa += aCol, pb += ldb) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, pb);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, pb + L);
            FloatVector x = FloatVector.broadcast(SPECIES, a[pa]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[pa + r1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[pa + r2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[pa + r3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(t, o);
        c01.intoArray(t, o + L);
        c10.intoArray(t, o + ld);
        c11.intoArray(t, o + ld + L);
        c20.intoArray(t, o + 2 * ld);
        c21.intoArray(t, o + 2 * ld + L);
        c30.intoArray(t, o + 3 * ld);
        c31.intoArray(t, o + 3 * ld + L);
    }

    /**
     * {@link #rows4} for a row-major A and a packed B, the common case: every index is a loop-invariant start plus
     * {@code p} times a constant, so C2 checks the bounds once before the loop instead of at each of the 6 loads of a
     * step (with the variable strides of {@link #rows4}, a compare and a branch per load).
     */
    private static void rows4RowMajor(int kc, float[] a, int aOff, int aRow, float[] bp, int bOff, int rows,
                                      float[] s, int so, int sld, float[] t, int o, int ld) {
        FloatVector c00 = FloatVector.fromArray(SPECIES, s, so);
        FloatVector c01 = FloatVector.fromArray(SPECIES, s, so + L);
        FloatVector c10 = FloatVector.fromArray(SPECIES, s, so + sld);
        FloatVector c11 = FloatVector.fromArray(SPECIES, s, so + sld + L);
        FloatVector c20 = FloatVector.fromArray(SPECIES, s, so + 2 * sld);
        FloatVector c21 = FloatVector.fromArray(SPECIES, s, so + 2 * sld + L);
        FloatVector c30 = FloatVector.fromArray(SPECIES, s, so + 3 * sld);
        FloatVector c31 = FloatVector.fromArray(SPECIES, s, so + 3 * sld + L);
        int a0 = aOff;
        int a1 = aOff + Math.min(1, rows - 1) * aRow;
        int a2 = aOff + Math.min(2, rows - 1) * aRow;
        int a3 = aOff + Math.min(3, rows - 1) * aRow;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bOff + p * NR);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bOff + p * NR + L);
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(t, o);
        c01.intoArray(t, o + L);
        c10.intoArray(t, o + ld);
        c11.intoArray(t, o + ld + L);
        c20.intoArray(t, o + 2 * ld);
        c21.intoArray(t, o + 2 * ld + L);
        c30.intoArray(t, o + 3 * ld);
        c31.intoArray(t, o + 3 * ld + L);
    }

    /** {@link #rows6} for a row-major A and a packed B, as {@link #rows4RowMajor} is for {@link #rows4}. */
    private static void rows6RowMajor(int kc, float[] a, int aOff, int aRow, float[] bp, int bOff, int rows,
                                      float[] s, int so, int sld, float[] t, int o, int ld) {
        FloatVector c00 = FloatVector.fromArray(SPECIES, s, so);
        FloatVector c01 = FloatVector.fromArray(SPECIES, s, so + L);
        FloatVector c10 = FloatVector.fromArray(SPECIES, s, so + sld);
        FloatVector c11 = FloatVector.fromArray(SPECIES, s, so + sld + L);
        FloatVector c20 = FloatVector.fromArray(SPECIES, s, so + 2 * sld);
        FloatVector c21 = FloatVector.fromArray(SPECIES, s, so + 2 * sld + L);
        FloatVector c30 = FloatVector.fromArray(SPECIES, s, so + 3 * sld);
        FloatVector c31 = FloatVector.fromArray(SPECIES, s, so + 3 * sld + L);
        FloatVector c40 = FloatVector.fromArray(SPECIES, s, so + 4 * sld);
        FloatVector c41 = FloatVector.fromArray(SPECIES, s, so + 4 * sld + L);
        FloatVector c50 = FloatVector.fromArray(SPECIES, s, so + 5 * sld);
        FloatVector c51 = FloatVector.fromArray(SPECIES, s, so + 5 * sld + L);
        int a0 = aOff;
        int a1 = aOff + Math.min(1, rows - 1) * aRow;
        int a2 = aOff + Math.min(2, rows - 1) * aRow;
        int a3 = aOff + Math.min(3, rows - 1) * aRow;
        int a4 = aOff + Math.min(4, rows - 1) * aRow;
        int a5 = aOff + Math.min(5, rows - 1) * aRow;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bOff + p * NR);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bOff + p * NR + L);
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[a4 + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[a5 + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        c00.intoArray(t, o);
        c01.intoArray(t, o + L);
        c10.intoArray(t, o + ld);
        c11.intoArray(t, o + ld + L);
        c20.intoArray(t, o + 2 * ld);
        c21.intoArray(t, o + 2 * ld + L);
        c30.intoArray(t, o + 3 * ld);
        c31.intoArray(t, o + 3 * ld + L);
        c40.intoArray(t, o + 4 * ld);
        c41.intoArray(t, o + 4 * ld + L);
        c50.intoArray(t, o + 5 * ld);
        c51.intoArray(t, o + 5 * ld + L);
    }

    /**
     * {@code rows x cols} floats from {@code from} (rows {@code fromLd} apart) to {@code to} (rows {@code toLd} apart), in
     * vectors: the rows here and in {@link GemmEpilogue#apply}'s gather are a tile's width, 16 or 32 floats, and a
     * {@code System.arraycopy} call for each cost about as much as GELU on them.
     */
    static void copy(float[] from, int fromOff, int fromLd, float[] to, int toOff, int toLd, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int f = fromOff + i * fromLd;
            int t = toOff + i * toLd;
            int j = 0;
            for (; j <= cols - L; j += L) {
                FloatVector.fromArray(SPECIES, from, f + j).intoArray(to, t + j);
            }
            for (; j < cols; j++) {
                to[t + j] = from[f + j];
            }
        }
    }
}
