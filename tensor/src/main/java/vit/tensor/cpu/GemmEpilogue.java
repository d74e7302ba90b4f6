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

    /**
     * Stores a block kept transposed, {@code c[off + i*ldc + j] = f(t[tOff + j*ldt + i] + bias[biasOff + j])} for {@code i <
     * rows}, {@code j < cols}: {@link #apply}'s arithmetic (the same bits) in the pass that turns the block around.
     */
    void storeTransposed(float[] t, int tOff, int ldt, float[] c, int off, int ldc, int rows, int cols, float[] bias, int biasOff) {
        // Row by row: each line of C is written once. Column by column, the rows' lines (ldc = 3072 floats apart, all in
        // one set of L1) were each written six times and missed each time.
        for (int i = 0; i < rows; i++) {
            int to = off + i * ldc;
            int from = tOff + i;
            if (bias != null) {
                for (int j = 0; j < cols; j++) {
                    c[to + j] = t[from + j * ldt] + bias[biasOff + j];
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    c[to + j] = t[from + j * ldt];
                }
            }
            if (this == GELU) {
                // In place on the line just written, still in L1: GeluKernel's loop keeps its tails out of the way.
                GeluKernel.gelu(c, to, 1, c, to, cols);
            }
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
        if (this == GELU) {
            for (int i = 0; i < rows; i++) {
                GeluKernel.gelu(c, off + i * ldc, 1, c, off + i * ldc, cols);
            }
        }
    }
}
