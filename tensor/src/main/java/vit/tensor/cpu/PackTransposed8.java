// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PackTransposed16} for 8-lane vectors (AVX2): {@code 8 x 8} blocks are loaded as 8 rows of the source,
 * transposed in registers in three rounds ({@code s = 4, 2, 1}, each output one lane shift and one blend) and stored
 * as 8 rows of the panel. Element by element, the transpose stored one float at a time down the panel, one store per
 * element: packing A for {@link GemmTransposed} cost about a tenth of a 226 x 3072 by 3072 x 768 product at
 * {@code UseAVX=2}, and this made such products 2.5-5% faster.
 */
final class PackTransposed8 {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    private static final int L = 8;
    /** Lane {@code l} takes lane {@code l - 4} / {@code l + 4} (wrapped), and the lanes whose bit 4 is set. */
    private static final VectorShuffle<Float> DOWN4 = VectorShuffle.fromOp(SPECIES, l -> (l - 4 + L) % L);
    private static final VectorShuffle<Float> UP4 = VectorShuffle.fromOp(SPECIES, l -> (l + 4) % L);
    private static final VectorMask<Float> SET4 = VectorMask.fromLong(SPECIES, mask(4));
    private static final VectorMask<Float> CLEAR4 = SET4.not();
    /** Lane {@code l} takes lane {@code l - 2} / {@code l + 2} (wrapped), and the lanes whose bit 2 is set. */
    private static final VectorShuffle<Float> DOWN2 = VectorShuffle.fromOp(SPECIES, l -> (l - 2 + L) % L);
    private static final VectorShuffle<Float> UP2 = VectorShuffle.fromOp(SPECIES, l -> (l + 2) % L);
    private static final VectorMask<Float> SET2 = VectorMask.fromLong(SPECIES, mask(2));
    private static final VectorMask<Float> CLEAR2 = SET2.not();
    /** Lane {@code l} takes lane {@code l - 1} / {@code l + 1} (wrapped), and the lanes whose bit 1 is set. */
    private static final VectorShuffle<Float> DOWN1 = VectorShuffle.fromOp(SPECIES, l -> (l - 1 + L) % L);
    private static final VectorShuffle<Float> UP1 = VectorShuffle.fromOp(SPECIES, l -> (l + 1) % L);
    private static final VectorMask<Float> SET1 = VectorMask.fromLong(SPECIES, mask(1));
    private static final VectorMask<Float> CLEAR1 = SET1.not();

    private PackTransposed8() {
    }

    private static long mask(int bit) {
        long m = 0;
        for (int l = 0; l < L; l++) {
            if ((l & bit) != 0) {
                m |= 1L << l;
            }
        }
        return m;
    }

    /** True where this class applies: 8-lane vectors, the only float shape the kernels use there. */
    static boolean supported() {
        return GemmKernel.L == L && FloatVector.SPECIES_PREFERRED.length() == L;
    }

    /**
     * {@code dst[d + p*nr + h + j] = b[s + (h + j)*bCol + p]} for {@code p < kc}, {@code j < 8} and each
     * {@code h = 0, 8, .. nr - 8}.
     */
    static void pack(int kc, float[] b, int s, int bCol, float[] dst, int d, int nr) {
        int blocks = kc / L * L;
        for (int h = 0; h < nr; h += L) {
            int row = s + h * bCol;
            int p = 0;
            for (; p < blocks; p += L) {
                int r = row + p;
                FloatVector v0 = FloatVector.fromArray(SPECIES, b, r);
                FloatVector v1 = FloatVector.fromArray(SPECIES, b, r + 1 * bCol);
                FloatVector v2 = FloatVector.fromArray(SPECIES, b, r + 2 * bCol);
                FloatVector v3 = FloatVector.fromArray(SPECIES, b, r + 3 * bCol);
                FloatVector v4 = FloatVector.fromArray(SPECIES, b, r + 4 * bCol);
                FloatVector v5 = FloatVector.fromArray(SPECIES, b, r + 5 * bCol);
                FloatVector v6 = FloatVector.fromArray(SPECIES, b, r + 6 * bCol);
                FloatVector v7 = FloatVector.fromArray(SPECIES, b, r + 7 * bCol);
                {
                FloatVector w0 = v0.blend(v4.rearrange(DOWN4), SET4);
                FloatVector w4 = v4.blend(v0.rearrange(UP4), CLEAR4);
                FloatVector w1 = v1.blend(v5.rearrange(DOWN4), SET4);
                FloatVector w5 = v5.blend(v1.rearrange(UP4), CLEAR4);
                FloatVector w2 = v2.blend(v6.rearrange(DOWN4), SET4);
                FloatVector w6 = v6.blend(v2.rearrange(UP4), CLEAR4);
                FloatVector w3 = v3.blend(v7.rearrange(DOWN4), SET4);
                FloatVector w7 = v7.blend(v3.rearrange(UP4), CLEAR4);
                v0 = w0;
                v1 = w1;
                v2 = w2;
                v3 = w3;
                v4 = w4;
                v5 = w5;
                v6 = w6;
                v7 = w7;
                }
                {
                FloatVector w0 = v0.blend(v2.rearrange(DOWN2), SET2);
                FloatVector w2 = v2.blend(v0.rearrange(UP2), CLEAR2);
                FloatVector w1 = v1.blend(v3.rearrange(DOWN2), SET2);
                FloatVector w3 = v3.blend(v1.rearrange(UP2), CLEAR2);
                FloatVector w4 = v4.blend(v6.rearrange(DOWN2), SET2);
                FloatVector w6 = v6.blend(v4.rearrange(UP2), CLEAR2);
                FloatVector w5 = v5.blend(v7.rearrange(DOWN2), SET2);
                FloatVector w7 = v7.blend(v5.rearrange(UP2), CLEAR2);
                v0 = w0;
                v1 = w1;
                v2 = w2;
                v3 = w3;
                v4 = w4;
                v5 = w5;
                v6 = w6;
                v7 = w7;
                }
                {
                FloatVector w0 = v0.blend(v1.rearrange(DOWN1), SET1);
                FloatVector w1 = v1.blend(v0.rearrange(UP1), CLEAR1);
                FloatVector w2 = v2.blend(v3.rearrange(DOWN1), SET1);
                FloatVector w3 = v3.blend(v2.rearrange(UP1), CLEAR1);
                FloatVector w4 = v4.blend(v5.rearrange(DOWN1), SET1);
                FloatVector w5 = v5.blend(v4.rearrange(UP1), CLEAR1);
                FloatVector w6 = v6.blend(v7.rearrange(DOWN1), SET1);
                FloatVector w7 = v7.blend(v6.rearrange(UP1), CLEAR1);
                v0 = w0;
                v1 = w1;
                v2 = w2;
                v3 = w3;
                v4 = w4;
                v5 = w5;
                v6 = w6;
                v7 = w7;
                }
                int o = d + p * nr + h;
                v0.intoArray(dst, o);
                v1.intoArray(dst, o + 1 * nr);
                v2.intoArray(dst, o + 2 * nr);
                v3.intoArray(dst, o + 3 * nr);
                v4.intoArray(dst, o + 4 * nr);
                v5.intoArray(dst, o + 5 * nr);
                v6.intoArray(dst, o + 6 * nr);
                v7.intoArray(dst, o + 7 * nr);
            }
            for (; p < kc; p++) {
                for (int j = 0; j < L; j++) {
                    dst[d + p * nr + h + j] = b[row + j * bCol + p];
                }
            }
        }
    }
}
