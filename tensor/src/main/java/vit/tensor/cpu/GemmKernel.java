// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GEMM micro-kernel: one {@code MR x NR} tile of {@code C} from packed panels, held in
 * {@code MR * 2} vector registers while it runs over {@code kc} steps.
 *
 * <p>{@code T[i][j] = sum_{p < kc} Ap[p*MR + i] * Bp[p*NR + j]}, summed in increasing {@code p} by one fused
 * multiply-add per step, then {@code C[i][j] = T[i][j]} for the first block of {@code k} or
 * {@code C[i][j] = C[i][j] + T[i][j]} for the later ones. Every element gets exactly this arithmetic,
 * whichever tile, thread or edge it lands in, so results never depend on how the work is split.
 * The species is the widest the CPU offers (16 floats on AVX-512, 8 on AVX2, 4 on NEON).
 */
final class GemmKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Vector length in floats. */
    static final int L = SPECIES.length();
    /** Rows of a tile: one broadcast of A each per step. */
    static final int MR = 6;
    /** Columns of a tile: two vectors of B per step. */
    static final int NR = 2 * L;

    private GemmKernel() {
    }

    /**
     * Computes one tile. {@code ap}/{@code bp} are the packed panels ({@link Packing}); the tile is written
     * to {@code c[cOff + i*ldc + j]}, or, for a tile cut by the edge of C, only its first {@code rows x cols}
     * through {@code scratch} (at least {@code MR * NR} floats).
     */
    static void tile(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] c, int cOff, int ldc,
                     int rows, int cols, boolean accumulate, float[] scratch) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        int pa = aOff;
        int pb = bOff;
        for (int p = 0; p < kc; p++, pa += MR, pb += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, pb);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, pb + L);
            FloatVector a = FloatVector.broadcast(SPECIES, ap[pa]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(SPECIES, ap[pa + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(SPECIES, ap[pa + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(SPECIES, ap[pa + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(SPECIES, ap[pa + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(SPECIES, ap[pa + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        if (rows == MR && cols == NR) {
            store(c00, c01, c, cOff, accumulate);
            store(c10, c11, c, cOff + ldc, accumulate);
            store(c20, c21, c, cOff + 2 * ldc, accumulate);
            store(c30, c31, c, cOff + 3 * ldc, accumulate);
            store(c40, c41, c, cOff + 4 * ldc, accumulate);
            store(c50, c51, c, cOff + 5 * ldc, accumulate);
            return;
        }
        store(c00, c01, scratch, 0, false);
        store(c10, c11, scratch, NR, false);
        store(c20, c21, scratch, 2 * NR, false);
        store(c30, c31, scratch, 3 * NR, false);
        store(c40, c41, scratch, 4 * NR, false);
        store(c50, c51, scratch, 5 * NR, false);
        for (int i = 0; i < rows; i++) {
            int ci = cOff + i * ldc;
            int si = i * NR;
            for (int j = 0; j < cols; j++) {
                c[ci + j] = accumulate ? c[ci + j] + scratch[si + j] : scratch[si + j];
            }
        }
    }

    private static void store(FloatVector v0, FloatVector v1, float[] c, int off, boolean accumulate) {
        if (accumulate) {
            v0 = v0.add(FloatVector.fromArray(SPECIES, c, off));
            v1 = v1.add(FloatVector.fromArray(SPECIES, c, off + L));
        }
        v0.intoArray(c, off);
        v1.intoArray(c, off + L);
    }
}
