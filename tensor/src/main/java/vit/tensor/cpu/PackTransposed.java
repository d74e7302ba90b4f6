// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packs a panel of a matrix stored column by column, {@code dst[d + p*nr + j] = b[s + j*bCol + p]} (a weight
 * {@code [n, k]} seen through {@code mT()} for {@link Packing}, a row-major A for {@link GemmTransposed}), by square
 * blocks transposed in registers: {@link PackTransposed16} on 16 lanes, {@link PackTransposed8} on 8. Each block reads
 * whole cache lines of its rows and writes whole rows of the panel; the depth past the last whole block goes element
 * by element. At other widths the callers keep their own loops.
 */
final class PackTransposed {
    /**
     * Lanes of the block transpose this machine runs, 0 where there is none: the kernels' own (preferred) width when
     * it is 16 or 8, which each block class loads with its own fixed species.
     */
    static final int LANES = GemmKernel.L == 16 || GemmKernel.L == 8 ? GemmKernel.L : 0;

    private PackTransposed() {
    }

    static boolean supported() {
        return LANES != 0;
    }

    /**
     * The shuffle of a transpose round: lane {@code l} takes lane {@code l + by} (wrapped). Round {@code s} shifts its
     * partner by {@code -s} into the low output and by {@code +s} into the high one.
     */
    static VectorShuffle<Float> shift(VectorSpecies<Float> species, int by) {
        return VectorShuffle.fromOp(species, l -> Math.floorMod(l + by, species.length()));
    }

    /** The lanes whose bit {@code bit} is set: where a round's low output takes its partner's lanes. */
    static VectorMask<Float> withBit(VectorSpecies<Float> species, int bit) {
        boolean[] set = new boolean[species.length()];
        for (int l = 0; l < set.length; l++) {
            set[l] = (l & bit) != 0;
        }
        return VectorMask.fromArray(species, set, 0);
    }

    /**
     * {@code dst[d + p*nr + j] = b[s + j*bCol + p]} for {@code p < kc} and {@code j < nr}, a multiple of
     * {@link #LANES}.
     */
    static void pack(int kc, float[] b, int s, int bCol, float[] dst, int d, int nr) {
        int lanes = LANES;
        int blocks = kc / lanes * lanes;
        for (int h = 0; h < nr; h += lanes) {
            int row = s + h * bCol;
            int p = 0;
            for (; p < blocks; p += lanes) {
                if (lanes == 16) {
                    PackTransposed16.block(b, row + p, bCol, dst, d + p * nr + h, nr);
                } else {
                    PackTransposed8.block(b, row + p, bCol, dst, d + p * nr + h, nr);
                }
            }
            for (; p < kc; p++) {
                for (int j = 0; j < lanes; j++) {
                    dst[d + p * nr + h + j] = b[row + j * bCol + p];
                }
            }
        }
    }
}
