// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static vit.tensor.cpu.GemmKernel.L;
import static vit.tensor.cpu.GemmKernel.MR;
import static vit.tensor.cpu.GemmKernel.NR;
import static vit.tensor.cpu.GemmKernel.SPECIES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * Copies A and B into the order the {@link GemmKernel} reads them, so that the kernel sees unit strides
 * whatever the strides of the operands (a transposed view costs no extra copy), and zeros past the edges
 * so that every tile is full.
 *
 * <p>A, cut into blocks of {@code kc} columns starting at {@code p0} and panels of {@code MR} rows:
 * {@code Ap[p0*mPad + ip*MR*kc + p*MR + i] = A[ip*MR + i][p0 + p]} (0 for rows past {@code m}),
 * where {@code mPad} is {@code m} rounded up to {@code MR}.
 * <br>B, the same way in panels of {@code NR} columns: {@code Bp[p0*nPad + jp*NR*kc + p*NR + j] = B[p0 + p][jp*NR + j]}
 * (0 for columns past {@code n}), where {@code nPad} is {@code n} rounded up to {@code NR}.
 */
final class Packing {
    private Packing() {
    }

    /** Rows {@code m} rounded up to a whole number of panels. */
    static int paddedRows(int m) {
        return (m + MR - 1) / MR * MR;
    }

    /** Packs row panels {@code [from, to)} of A, all of {@code k}, into {@code dst} (at least {@code paddedRows(m) * k}). */
    static void packA(int m, int k, int kcMax, float[] a, int aOff, int aRow, int aCol, float[] dst, int from, int to) {
        int mPad = paddedRows(m);
        for (int p0 = 0; p0 < k; p0 += kcMax) {
            int kc = Math.min(kcMax, k - p0);
            for (int ip = from; ip < to; ip++) {
                int d = p0 * mPad + ip * MR * kc;
                int rows = Math.min(MR, m - ip * MR);
                if (rows < MR) {
                    Arrays.fill(dst, d, d + MR * kc, 0f);
                }
                for (int i = 0; i < rows; i++) {
                    int s = aOff + (ip * MR + i) * aRow + p0 * aCol;
                    if (aCol == 1) {
                        for (int p = 0; p < kc; p++) {
                            dst[d + p * MR + i] = a[s + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            dst[d + p * MR + i] = a[s + p * aCol];
                        }
                    }
                }
            }
        }
    }

    /** Row stride of {@link #STAGE}: {@code KC + L} floats, so that its rows fall in different cache sets. */
    private static final int STAGE_ROW = Gemm.KC + L;
    /** Offsets of {@code L} consecutive rows of the stage, for a gather down a column. */
    private static final int[] STAGE_COLUMN = new int[L];
    private static final ThreadLocal<float[]> STAGE = ThreadLocal.withInitial(() -> new float[L * STAGE_ROW]);

    static {
        for (int j = 0; j < L; j++) {
            STAGE_COLUMN[j] = j * STAGE_ROW;
        }
    }

    /**
     * A full panel of a B stored column by column ({@code B[p][j] = b[s + p + j*bCol]}, like a weight
     * {@code [n, k]} seen through {@code mT()}): copy {@code L} columns at a time into a small stage with
     * contiguous loads, then gather its rows. Gathering straight from B is slower, since with {@code bCol} a
     * multiple of 1024 (k = 3072) all {@code NR} columns map to the same set of the L1 cache. With 16 and 8
     * lanes, {@link PackTransposed} (a transpose in registers) is faster; this is the path for other widths.
     */
    private static void packTransposed(int kc, float[] b, int s, int bCol, float[] dst, int d) {
        float[] stage = STAGE.get();
        int vectors = kc / L * L;
        for (int h = 0; h < NR; h += L) {
            for (int j = 0; j < L; j++) {
                int from = s + (h + j) * bCol;
                int to = j * STAGE_ROW;
                int p = 0;
                for (; p < vectors; p += L) {
                    FloatVector.fromArray(SPECIES, b, from + p).intoArray(stage, to + p);
                }
                for (; p < kc; p++) {
                    stage[to + p] = b[from + p];
                }
            }
            for (int p = 0; p < kc; p++) {
                FloatVector.fromArray(SPECIES, stage, p, STAGE_COLUMN, 0).intoArray(dst, d + p * NR + h);
            }
        }
    }

    /** Packs the {@code kc x NR} panel of B at row {@code p0}, column {@code j0} into {@code dst[d, d + kc*NR)}. */
    static void packB(int kc, int p0, int j0, int n, float[] b, int bOff, int bRow, int bCol, float[] dst, int d) {
        int cols = Math.min(NR, n - j0);
        int s = bOff + p0 * bRow + j0 * bCol;
        if (bCol == 1 && cols == NR) {
            for (int p = 0; p < kc; p++) {
                int sp = s + p * bRow;
                FloatVector.fromArray(SPECIES, b, sp).intoArray(dst, d + p * NR);
                FloatVector.fromArray(SPECIES, b, sp + L).intoArray(dst, d + p * NR + L);
            }
            return;
        }
        if (cols < NR) {
            Arrays.fill(dst, d, d + kc * NR, 0f);
        }
        if (bRow == 1 && cols == NR) {
            if (PackTransposed.supported()) {
                PackTransposed.pack(kc, b, s, bCol, dst, d, NR);
            } else {
                packTransposed(kc, b, s, bCol, dst, d);
            }
            return;
        }
        if (bRow == 1) {
            for (int j = 0; j < cols; j++) {
                int sj = s + j * bCol;
                for (int p = 0; p < kc; p++) {
                    dst[d + p * NR + j] = b[sj + p];
                }
            }
        } else {
            for (int p = 0; p < kc; p++) {
                int sp = s + p * bRow;
                for (int j = 0; j < cols; j++) {
                    dst[d + p * NR + j] = b[sp + j * bCol];
                }
            }
        }
    }
}
