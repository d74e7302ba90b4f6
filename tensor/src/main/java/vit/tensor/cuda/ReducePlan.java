// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

/**
 * Splits a reduction's input into the dims kept (one output element each, walked in row-major order) and
 * the dims reduced (walked by one block per output), each merged on its own. Plain Java: tested without
 * a GPU.
 */
public record ReducePlan(StridedLayout outer, StridedLayout inner) {
    /** {@code dims} are sorted and distinct; {@code offset} is x's (it goes to the outer walk). */
    public static ReducePlan of(int[] sizes, int[] strides, int offset, int[] dims) {
        boolean[] reduced = new boolean[sizes.length];
        for (int d : dims) {
            reduced[d] = true;
        }
        int kept = sizes.length - dims.length;
        int[] os = new int[kept];
        int[] ost = new int[kept];
        int[] is = new int[dims.length];
        int[] ist = new int[dims.length];
        int o = 0;
        int i = 0;
        for (int d = 0; d < sizes.length; d++) {
            if (reduced[d]) {
                is[i] = sizes[d];
                ist[i++] = strides[d];
            } else {
                os[o] = sizes[d];
                ost[o++] = strides[d];
            }
        }
        return new ReducePlan(StridedLayout.of(os, new int[][] {ost}, new int[] {offset}),
            StridedLayout.of(is, new int[][] {ist}, new int[] {0}));
    }
}
