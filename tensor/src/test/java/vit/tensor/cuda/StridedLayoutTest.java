// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StridedLayoutTest {
    private static int[] contiguous(int[] sizes) {
        int[] s = new int[sizes.length];
        int st = 1;
        for (int d = sizes.length - 1; d >= 0; d--) {
            s[d] = st;
            st *= sizes[d];
        }
        return s;
    }

    @Test
    void contiguousTensorBecomesOneFlatDim() {
        int[] sizes = {2, 17, 64};
        System.out.println("contiguous " + Arrays.toString(sizes));
        StridedLayout l = StridedLayout.of(sizes, new int[][] {contiguous(sizes)}, new int[] {5});
        assertThat(l.sizes()).containsExactly(2 * 17 * 64);
        assertThat(l.isContiguous(0)).isTrue();
        assertThat(l.dimsStruct()).containsExactly(1, 2 * 17 * 64, 0, 0, 0, 0, 0, 0, 0);
        assertThat(l.stridesStruct(0)).containsExactly(5, 1, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void transposedOperandKeepsTwoDimsAndBroadcastKeepsStrideZero() {
        // [3, 4] out (contiguous) = a^T (a is [4, 3]) + bias broadcast along rows ([4] -> stride 0 on dim 0)
        int[] sizes = {3, 4};
        StridedLayout l = StridedLayout.of(sizes, new int[][] {{1, 3}, {0, 1}, {4, 1}}, new int[] {0, 2, 0});
        System.out.println("transposed + broadcast [3, 4]");
        assertThat(l.sizes()).containsExactly(3, 4);
        assertThat(l.strides(0)).containsExactly(1, 3);
        assertThat(l.strides(1)).containsExactly(0, 1);
        assertThat(l.isContiguous(2)).isFalse(); // two dims remain, even if operand 2 alone is dense
    }

    @Test
    void sizeOneDimsAreDroppedAndASingleElementHasRankZero() {
        StridedLayout l = StridedLayout.of(new int[] {1, 1, 1}, new int[][] {{7, 9, 11}}, new int[] {3});
        assertThat(l.sizes()).isEmpty();
        assertThat(l.numel()).isEqualTo(1);
        assertThat(l.position(0, 0)).isEqualTo(3);
        assertThat(l.isContiguous(0)).isTrue();
    }

    @Test
    void positionsMatchTheOriginalStridesOnRandomViews() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int rank = 1 + rnd.nextInt(6);
            int ops = 1 + rnd.nextInt(3);
            int[] sizes = new int[rank];
            for (int d = 0; d < rank; d++) {
                sizes[d] = 1 + rnd.nextInt(4);
            }
            int[][] strides = new int[ops][];
            int[] offsets = new int[ops];
            for (int k = 0; k < ops; k++) {
                // a permutation of contiguous strides, with some dims broadcast (0) or stepped (x2)
                int[] base = contiguous(sizes);
                strides[k] = new int[rank];
                for (int d = 0; d < rank; d++) {
                    int pick = rnd.nextInt(5);
                    strides[k][d] = pick == 0 ? 0 : pick == 1 ? base[d] * 2 : pick == 2 ? base[rank - 1 - d] : base[d];
                }
                offsets[k] = rnd.nextInt(10);
            }
            StridedLayout l = StridedLayout.of(sizes, strides, offsets);
            long n = Arrays.stream(sizes).asLongStream().reduce(1, (a, b) -> a * b);
            assertThat(l.numel()).isEqualTo(n);
            int[] idx = new int[rank];
            for (long e = 0; e < n; e++) {
                for (int k = 0; k < ops; k++) {
                    long expected = offsets[k];
                    for (int d = 0; d < rank; d++) {
                        expected += (long) idx[d] * strides[k][d];
                    }
                    assertThat(l.position(k, e)).as("trial %d shape %s operand %d element %d", trial,
                        Arrays.toString(sizes), k, e).isEqualTo(expected);
                }
                for (int d = rank - 1; d >= 0 && ++idx[d] == sizes[d]; d--) {
                    idx[d] = 0;
                }
            }
        }
    }

    @Test
    void tooManyDimsAfterMergingIsAClearError() {
        int[] sizes = {2, 2, 2, 2, 2, 2, 2, 2, 2};
        int[] strides = {1, 2, 4, 8, 16, 32, 64, 128, 256}; // reversed: nothing merges
        assertThatThrownBy(() -> StridedLayout.of(sizes, new int[][] {strides}, new int[1]))
            .hasMessageContaining("at most 8 dims").hasMessageContaining("still has 9");
    }
}
