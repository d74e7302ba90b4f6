// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import java.util.Arrays;

/**
 * The index space several same-shaped strided operands are walked over, packed for a kernel's
 * {@code Dims} and {@code Strides} structs ({@code common.cuh}). Adjacent dims that are contiguous in
 * every operand are merged and size-1 dims dropped, so most tensors reach the GPU as one flat dim and
 * a kernel's index arithmetic stays cheap. Plain Java: tested without a GPU.
 */
public final class StridedLayout {
    /** The most dims a kernel accepts after merging (the size of the C structs' arrays). */
    public static final int MAX_DIMS = 8;

    private final int[] sizes;
    private final int[][] strides;
    private final int[] offsets;

    private StridedLayout(int[] sizes, int[][] strides, int[] offsets) {
        this.sizes = sizes;
        this.strides = strides;
        this.offsets = offsets;
    }

    /**
     * Merges the dims of operands that share {@code sizes}; {@code strides[k]} and {@code offsets[k]} are
     * operand k's. Fails when more than {@link #MAX_DIMS} dims remain.
     */
    public static StridedLayout of(int[] sizes, int[][] strides, int[] offsets) {
        int r = sizes.length;
        int ops = strides.length;
        int[] ms = new int[r];
        int[][] mst = new int[ops][r];
        int m = 0;
        for (int i = 0; i < r; i++) {
            if (sizes[i] == 1) {
                continue; // a size-1 dim never moves a position
            }
            boolean merge = m > 0 && sizes[i] != 0;
            for (int k = 0; k < ops && merge; k++) {
                merge = (long) mst[k][m - 1] == (long) strides[k][i] * sizes[i];
            }
            if (merge) {
                ms[m - 1] *= sizes[i];
                for (int k = 0; k < ops; k++) {
                    mst[k][m - 1] = strides[k][i];
                }
            } else {
                ms[m] = sizes[i];
                for (int k = 0; k < ops; k++) {
                    mst[k][m] = strides[k][i];
                }
                m++;
            }
        }
        if (m > MAX_DIMS) {
            throw new IllegalArgumentException("CUDA kernels take at most " + MAX_DIMS + " dims after merging, but "
                + Arrays.toString(sizes) + " with strides " + Arrays.deepToString(strides) + " still has " + m);
        }
        int[][] st = new int[ops][];
        for (int k = 0; k < ops; k++) {
            st[k] = Arrays.copyOf(mst[k], m);
        }
        return new StridedLayout(Arrays.copyOf(ms, m), st, offsets.clone());
    }

    /** The merged sizes (empty for a single element). */
    public int[] sizes() {
        return sizes.clone();
    }

    public int[] strides(int operand) {
        return strides[operand].clone();
    }

    public long numel() {
        long n = 1;
        for (int s : sizes) {
            n *= s;
        }
        return n;
    }

    /** Whether {@code operand} is one dense run of memory in row-major order (a plain memcpy). */
    public boolean isContiguous(int operand) {
        return sizes.length == 0 || (sizes.length == 1 && strides[operand][0] == 1);
    }

    /** The C struct {@code Dims}: {@code rank, size[8]}. */
    public int[] dimsStruct() {
        int[] s = new int[1 + MAX_DIMS];
        s[0] = sizes.length;
        System.arraycopy(sizes, 0, s, 1, sizes.length);
        return s;
    }

    /** The C struct {@code Strides} of one operand: {@code offset, stride[8]}. */
    public int[] stridesStruct(int operand) {
        int[] s = new int[1 + MAX_DIMS];
        s[0] = offsets[operand];
        System.arraycopy(strides[operand], 0, s, 1, sizes.length);
        return s;
    }

    /** What {@code vit_position} in {@code common.cuh} computes: where {@code operand} keeps element {@code e}. */
    public long position(int operand, long e) {
        long pos = offsets[operand];
        for (int d = sizes.length - 1; d >= 0; d--) {
            pos += (e % sizes[d]) * strides[operand][d];
            e /= sizes[d];
        }
        return pos;
    }
}
