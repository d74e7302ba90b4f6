// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import java.util.Arrays;

/**
 * How a strided batched row-major product {@code out = a b} maps onto column-major cuBLAS calls.
 *
 * <p>cuBLAS sees a row-major {@code [R, C]} matrix with row stride {@code ld} as its column-major transpose,
 * so {@code C = A B} is computed as {@code C^T = B^T A^T}: the operands swap places and nothing is
 * transposed in memory. A transposed view ({@code [R, C]} with strides {@code (1, ld)}) is passed with
 * {@code CUBLAS_OP_T} instead. A matrix whose inner stride is not 1 in either direction is copied first.
 * The batch dims, merged across the three operands, become one {@code cublasSgemmStridedBatched} batch (the
 * innermost) and a host loop over the rest. Plain Java: tested without a GPU.
 */
public record GemmPlan(int m, int n, int k, Matrix a, Matrix b, int ldc, StridedLayout outerBatches, int batchCount,
                       long strideA, long strideB, long strideC) {

    /** One operand as cuBLAS takes it: column-major with leading dimension {@code ld}, transposed or not. */
    public record Matrix(boolean transpose, int ld) {
    }

    /**
     * The cuBLAS view of a row-major {@code [rows, cols]} matrix with strides {@code (s0, s1)}: {@code OP_N} for
     * row-major storage, {@code OP_T} for column-major, or null when neither has unit stride (copy first).
     */
    public static Matrix matrix(int rows, int cols, int s0, int s1) {
        if (cols == 1 || s1 == 1) {
            int ld = rows == 1 ? Math.max(1, cols) : s0;
            if (ld >= Math.max(1, cols)) {
                return new Matrix(false, ld);
            }
        }
        if (rows == 1 || s0 == 1) {
            int ld = cols == 1 ? Math.max(1, rows) : s1;
            if (ld >= Math.max(1, rows)) {
                return new Matrix(true, ld);
            }
        }
        return null;
    }

    /**
     * Plans {@code out[..., M, N] = a[..., M, K] b[..., K, N]} (a and b already broadcast to out's batch dims).
     * Returns null when an operand must be copied to a contiguous buffer first, or when out is not row-major
     * with unit inner stride; the caller copies and plans again.
     */
    public static GemmPlan of(int[] outSizes, int k, int[] aStrides, int[] bStrides, int[] outStrides) {
        int r = outSizes.length;
        int m = outSizes[r - 2];
        int n = outSizes[r - 1];
        Matrix a = matrix(m, k, aStrides[r - 2], aStrides[r - 1]);
        Matrix b = matrix(k, n, bStrides[r - 2], bStrides[r - 1]);
        Matrix c = matrix(m, n, outStrides[r - 2], outStrides[r - 1]);
        if (a == null || b == null || c == null || c.transpose()) {
            return null;
        }
        int nb = r - 2;
        int[][] batchStrides = {Arrays.copyOf(aStrides, nb), Arrays.copyOf(bStrides, nb), Arrays.copyOf(outStrides, nb)};
        StridedLayout batches = StridedLayout.of(Arrays.copyOf(outSizes, nb), batchStrides, new int[3]);
        int[] sizes = batches.sizes();
        int inner = sizes.length - 1;
        if (inner < 0) {
            return new GemmPlan(m, n, k, a, b, c.ld(), batches, 1, 0, 0, 0);
        }
        int[][] outer = new int[3][];
        for (int op = 0; op < 3; op++) {
            outer[op] = Arrays.copyOf(batches.strides(op), inner);
        }
        StridedLayout outerBatches = StridedLayout.of(Arrays.copyOf(sizes, inner), outer, new int[3]);
        return new GemmPlan(m, n, k, a, b, c.ld(), outerBatches, sizes[inner], batches.strides(0)[inner],
            batches.strides(1)[inner], batches.strides(2)[inner]);
    }

    /** Number of cuBLAS calls (the host loop over the outer batch dims). */
    public long calls() {
        return outerBatches.numel();
    }
}
