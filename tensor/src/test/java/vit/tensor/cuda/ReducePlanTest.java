// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReducePlanTest {
    /** Every (output, reduced element) position pair from plain loops over the original strides. */
    private static List<Long> expected(int[] sizes, int[] strides, int offset, boolean[] reduced) {
        int r = sizes.length;
        List<Long> out = new ArrayList<>();
        // outer loop over kept dims in row-major order, inner over reduced dims in row-major order
        int[] kept = java.util.stream.IntStream.range(0, r).filter(d -> !reduced[d]).toArray();
        int[] red = java.util.stream.IntStream.range(0, r).filter(d -> reduced[d]).toArray();
        int[] ki = new int[kept.length];
        do {
            int[] ri = new int[red.length];
            do {
                long p = offset;
                for (int j = 0; j < kept.length; j++) {
                    p += (long) ki[j] * strides[kept[j]];
                }
                for (int j = 0; j < red.length; j++) {
                    p += (long) ri[j] * strides[red[j]];
                }
                out.add(p);
            } while (next(ri, red, sizes));
        } while (next(ki, kept, sizes));
        return out;
    }

    private static boolean next(int[] idx, int[] dims, int[] sizes) {
        for (int j = idx.length - 1; j >= 0; j--) {
            if (++idx[j] < sizes[dims[j]]) {
                return true;
            }
            idx[j] = 0;
        }
        return false;
    }

    @Test
    void outerTimesInnerVisitsTheSameElementsInTheSameOrder() {
        int[] sizes = {3, 5, 4, 2};
        int[] strides = {1, 24, 6, 3}; // a permuted view
        int[][] dimSets = {{0}, {1}, {3}, {0, 2}, {1, 3}, {0, 1, 2, 3}};
        for (int[] dims : dimSets) {
            boolean[] reduced = new boolean[sizes.length];
            for (int d : dims) {
                reduced[d] = true;
            }
            ReducePlan plan = ReducePlan.of(sizes, strides, 7, dims);
            List<Long> got = new ArrayList<>();
            for (long o = 0; o < plan.outer().numel(); o++) {
                for (long j = 0; j < plan.inner().numel(); j++) {
                    got.add(plan.outer().position(0, o) + plan.inner().position(0, j));
                }
            }
            System.out.println("reduce [3, 5, 4, 2] over " + java.util.Arrays.toString(dims));
            assertThat(got).isEqualTo(expected(sizes, strides, 7, reduced));
        }
    }

    @Test
    void reducingEverythingLeavesOneOutput() {
        ReducePlan plan = ReducePlan.of(new int[] {4, 6}, new int[] {6, 1}, 0, new int[] {0, 1});
        assertThat(plan.outer().numel()).isEqualTo(1);
        assertThat(plan.inner().sizes()).containsExactly(24);
    }
}
