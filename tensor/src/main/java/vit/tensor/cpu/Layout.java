// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import vit.tensor.Tensor;

/**
 * The element positions of several same-shaped strided tensors, walked together. Adjacent dimensions
 * that are contiguous in every operand are merged first, so a contiguous tensor is one long row.
 */
final class Layout {
    final int[] sizes;
    /** strides[operand][dim] */
    final int[][] strides;
    final int[] offsets;
    final int rows;
    final int rowLength;

    Layout(Tensor... operands) {
        this(operands[0].shape().dims(), stridesOf(operands), offsetsOf(operands));
    }

    private static int[][] stridesOf(Tensor[] operands) {
        int[][] st = new int[operands.length][];
        for (int k = 0; k < operands.length; k++) {
            st[k] = operands[k].strides();
        }
        return st;
    }

    private static int[] offsetsOf(Tensor[] operands) {
        int[] o = new int[operands.length];
        for (int k = 0; k < operands.length; k++) {
            o[k] = operands[k].offset();
        }
        return o;
    }

    /** The layout of every dimension but {@code dim} (its rows are the lines along {@code dim}). */
    static Layout without(int dim, Tensor... operands) {
        int[][] st = stridesOf(operands);
        for (int k = 0; k < st.length; k++) {
            st[k] = drop(st[k], dim);
        }
        return new Layout(drop(operands[0].shape().dims(), dim), st, offsetsOf(operands));
    }

    private static int[] drop(int[] a, int i) {
        int[] out = new int[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, a.length - i - 1);
        return out;
    }

    /** The position of element {@code e} (row-major over the layout) in {@code operand}. */
    int position(int operand, int e) {
        return rowStart(operand, e / rowLength) + (e % rowLength) * step(operand);
    }

    Layout(int[] s, int[][] st, int[] offsets) {
        int r = s.length;
        this.offsets = offsets;
        // Merge dims i and i+1 when, for every operand, stride[i] == stride[i+1] * size[i+1].
        int[] ms = new int[Math.max(r, 1)];
        int[][] mst = new int[st.length][Math.max(r, 1)];
        int m = 0;
        if (r == 0) {
            ms[0] = 1;
            m = 1;
        }
        for (int i = 0; i < r; i++) {
            if (s[i] == 1 && r > 1) {
                continue; // a size-1 dim never moves the position
            }
            boolean merge = m > 0;
            for (int k = 0; k < st.length && merge; k++) {
                merge = mst[k][m - 1] == st[k][i] * s[i];
            }
            if (merge) {
                ms[m - 1] *= s[i];
                for (int k = 0; k < st.length; k++) {
                    mst[k][m - 1] = st[k][i];
                }
            } else {
                ms[m] = s[i];
                for (int k = 0; k < st.length; k++) {
                    mst[k][m] = st[k][i];
                }
                m++;
            }
        }
        if (m == 0) {
            ms[0] = 1;
            m = 1;
        }
        sizes = java.util.Arrays.copyOf(ms, m);
        strides = new int[st.length][];
        for (int k = 0; k < st.length; k++) {
            strides[k] = java.util.Arrays.copyOf(mst[k], m);
        }
        rowLength = sizes[m - 1];
        long numel = 1;
        for (int v : sizes) {
            numel *= v;
        }
        rows = rowLength == 0 ? 0 : (int) (numel / rowLength);
    }

    /** Elements {@code [from, to)} of one row. */
    @FunctionalInterface
    interface Segment {
        void run(int row, int from, int to);
    }

    /**
     * Runs {@code body} over every element, split across threads by element count: a contiguous tensor is a
     * single long row, which a split by rows would leave on one thread. A task's elements come as pieces of rows.
     */
    void parallel(Segment body) {
        int n = rowLength;
        Parallel.range(Math.toIntExact((long) rows * n), CpuBackend.GRAIN, (from, to) -> {
            for (int e = from; e < to; ) {
                int row = e / n;
                int start = e - row * n;
                int end = Math.min(n, start + (to - e));
                body.run(row, start, end);
                e += end - start;
            }
        });
    }

    /** The inner stride of {@code operand} along a row. */
    int step(int operand) {
        return strides[operand][sizes.length - 1];
    }

    /** The position of the first element of {@code row} in {@code operand}. */
    int rowStart(int operand, int row) {
        int pos = offsets[operand];
        int[] st = strides[operand];
        for (int d = sizes.length - 2; d >= 0; d--) {
            int n = sizes[d];
            pos += (row % n) * st[d];
            row /= n;
        }
        return pos;
    }
}
