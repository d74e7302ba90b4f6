// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static vit.tensor.cpu.GemmKernel.L;
import static vit.tensor.cpu.GemmKernel.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * What {@link Gemm#sgemm(int, int, int, float[], int, int, int, float[], int, int, int, float[], int, int, float[], int,
 * GemmEpilogue)} applies to each element of C as it finishes it, while the tile is still in cache:
 * {@code C[i][j] = f(sum_p A[i][p] B[p][j] + bias[j])}, the bias added in float (skipped when null), then
 * {@code f}. This is a linear layer, {@code x W^T + b}, and the first half of a ViT MLP, {@code GELU(x W^T + b)},
 * in one pass over C.
 */
public enum GemmEpilogue {
    /** {@code f(x) = x}. */
    NONE,
    /** {@code f(x) = x Phi(x)}, the exact GELU, by {@link GeluKernel} (the numbers of {@code CpuBackend.unary}). */
    GELU;

    /** Floats of short rows that {@link #apply} gathers for one call of GELU: 4 of its chunks. */
    private static final int GATHERED = 4 * GeluKernel.CHUNK;
    private static final ThreadLocal<float[]> GATHER = ThreadLocal.withInitial(() -> new float[GATHERED]);

    /**
     * Finishes a column of tiles kept transposed, in place: {@code t[tOff + (i/mi*nj + j)*mi + i%mi] = f(that + bias[biasOff
     * + j])} for {@code i < m} (rounded up to whole tiles) and {@code j < nj}, where the tiles of {@code mi} rows by {@code nj}
     * columns lie one after the other, each column of a tile {@code mi} floats long. {@link #apply}'s arithmetic (the same
     * bits), done on the tiles before they are turned around: the bias over each tile column's {@code mi} contiguous
     * floats, for the {@code cols} columns that have one, then GELU over all the tiles in one call. Applied to each row of C
     * after it was turned around, GELU took calls of {@code nj} (4 or 6) elements, whose fixed cost was most of it: with
     * it, a 197 x 768 by 768 x 3072 product ran at 141 GFLOP/s instead of 267 (AVX-512). The rows and columns past {@code m}
     * and {@code cols} are finished too, and never stored.
     */
    void finishTransposed(float[] t, int tOff, int mi, int nj, int m, int cols, float[] bias, int biasOff) {
        int tiles = (m + mi - 1) / mi;
        if (bias != null) {
            int vectors = mi / L * L;
            for (int tile = 0; tile < tiles; tile++) {
                for (int j = 0; j < cols; j++) {
                    int at = tOff + (tile * nj + j) * mi;
                    FloatVector b = FloatVector.broadcast(SPECIES, bias[biasOff + j]);
                    int i = 0;
                    for (; i < vectors; i += L) {
                        FloatVector.fromArray(SPECIES, t, at + i).add(b).intoArray(t, at + i);
                    }
                    for (; i < mi; i++) {
                        t[at + i] += bias[biasOff + j];
                    }
                }
            }
        }
        if (this == GELU) {
            GeluKernel.gelu(t, tOff, 1, t, tOff, tiles * nj * mi);
        }
    }

    /** Finishes the {@code rows x cols} block of C at {@code c[off + i*ldc + j]}, whose bias is {@code bias[biasOff + j]}. */
    void apply(float[] c, int off, int ldc, int rows, int cols, float[] bias, int biasOff) {
        if (bias != null) {
            int vectors = cols / L * L;
            for (int i = 0; i < rows; i++) {
                int ci = off + i * ldc;
                int j = 0;
                for (; j < vectors; j += L) {
                    FloatVector.fromArray(SPECIES, c, ci + j).add(FloatVector.fromArray(SPECIES, bias, biasOff + j)).intoArray(c, ci + j);
                }
                for (; j < cols; j++) {
                    c[ci + j] += bias[biasOff + j];
                }
            }
        }
        if (this == GELU && rows > 0 && cols > 0) {
            // Short rows (a task's NR columns, from Gemm.blocked) are gathered, so that GELU's fixed cost per call (its
            // buffers, its constants) is paid once per GATHERED floats, not once per row of 16 or 32: training's first MLP
            // layer (6400 x 64 by 64 x 256) went from 29.3 to 35.9 GFLOP/s at AVX2, 65.0 to 73.2 at AVX-512. A row alone
            // (a long one, or the last) is done in place.
            int perCall = Math.max(1, GATHERED / cols);
            float[] g = GATHER.get();
            for (int i0 = 0; i0 < rows; i0 += perCall) {
                int n = Math.min(perCall, rows - i0);
                if (n == 1) {
                    GeluKernel.gelu(c, off + i0 * ldc, 1, c, off + i0 * ldc, cols);
                    continue;
                }
                GemmKernel.copy(c, off + i0 * ldc, ldc, g, 0, cols, n, cols);
                GeluKernel.gelu(g, 0, 1, g, 0, n * cols);
                GemmKernel.copy(g, 0, cols, c, off + i0 * ldc, ldc, n, cols);
            }
        }
    }
}
