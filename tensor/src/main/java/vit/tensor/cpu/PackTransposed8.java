// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PackTransposed}'s block for 8-lane vectors (AVX2): {@code 8 x 8} floats loaded as 8 rows of the source,
 * transposed in registers in three rounds ({@code s = 4, 2, 1}, as {@link PackTransposed16}'s last three) and stored
 * as 8 rows of the panel. Before it, 8 lanes transposed element by element, one store per element: packing A for
 * {@link GemmTransposed} cost about a tenth of a 226 x 3072 by 3072 x 768 product at {@code UseAVX=2}, and this made
 * such products 2.5-5% faster.
 */
final class PackTransposed8 {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    /** Round {@code s}'s lane shifts and masks, as {@link PackTransposed#shift} and {@link PackTransposed#withBit} say. */
    private static final VectorShuffle<Float> DOWN4 = PackTransposed.shift(SPECIES, -4), UP4 = PackTransposed.shift(SPECIES, 4),
        DOWN2 = PackTransposed.shift(SPECIES, -2), UP2 = PackTransposed.shift(SPECIES, 2), DOWN1 = PackTransposed.shift(SPECIES, -1),
        UP1 = PackTransposed.shift(SPECIES, 1);
    private static final VectorMask<Float> SET4 = PackTransposed.withBit(SPECIES, 4), CLEAR4 = SET4.not(),
        SET2 = PackTransposed.withBit(SPECIES, 2), CLEAR2 = SET2.not(), SET1 = PackTransposed.withBit(SPECIES, 1), CLEAR1 = SET1.not();

    private PackTransposed8() {
    }

    /**
     * One block: {@code dst[o + p*nr + j] = b[r + j*bCol + p]} for {@code p, j < 8}, 8 rows of {@code b} loaded
     * whole, transposed in registers and stored as 8 rows of the panel.
     */
    static void block(float[] b, int r, int bCol, float[] dst, int o, int nr) {
        FloatVector x0 = FloatVector.fromArray(SPECIES, b, r);
        FloatVector x1 = FloatVector.fromArray(SPECIES, b, r + 1 * bCol);
        FloatVector x2 = FloatVector.fromArray(SPECIES, b, r + 2 * bCol);
        FloatVector x3 = FloatVector.fromArray(SPECIES, b, r + 3 * bCol);
        FloatVector x4 = FloatVector.fromArray(SPECIES, b, r + 4 * bCol);
        FloatVector x5 = FloatVector.fromArray(SPECIES, b, r + 5 * bCol);
        FloatVector x6 = FloatVector.fromArray(SPECIES, b, r + 6 * bCol);
        FloatVector x7 = FloatVector.fromArray(SPECIES, b, r + 7 * bCol);
        FloatVector a0 = x0.blend(x4.rearrange(DOWN4), SET4);
        FloatVector a4 = x4.blend(x0.rearrange(UP4), CLEAR4);
        FloatVector a1 = x1.blend(x5.rearrange(DOWN4), SET4);
        FloatVector a5 = x5.blend(x1.rearrange(UP4), CLEAR4);
        FloatVector a2 = x2.blend(x6.rearrange(DOWN4), SET4);
        FloatVector a6 = x6.blend(x2.rearrange(UP4), CLEAR4);
        FloatVector a3 = x3.blend(x7.rearrange(DOWN4), SET4);
        FloatVector a7 = x7.blend(x3.rearrange(UP4), CLEAR4);
        FloatVector y0 = a0.blend(a2.rearrange(DOWN2), SET2);
        FloatVector y2 = a2.blend(a0.rearrange(UP2), CLEAR2);
        FloatVector y1 = a1.blend(a3.rearrange(DOWN2), SET2);
        FloatVector y3 = a3.blend(a1.rearrange(UP2), CLEAR2);
        FloatVector y4 = a4.blend(a6.rearrange(DOWN2), SET2);
        FloatVector y6 = a6.blend(a4.rearrange(UP2), CLEAR2);
        FloatVector y5 = a5.blend(a7.rearrange(DOWN2), SET2);
        FloatVector y7 = a7.blend(a5.rearrange(UP2), CLEAR2);
        FloatVector t0 = y0.blend(y1.rearrange(DOWN1), SET1);
        FloatVector t1 = y1.blend(y0.rearrange(UP1), CLEAR1);
        FloatVector t2 = y2.blend(y3.rearrange(DOWN1), SET1);
        FloatVector t3 = y3.blend(y2.rearrange(UP1), CLEAR1);
        FloatVector t4 = y4.blend(y5.rearrange(DOWN1), SET1);
        FloatVector t5 = y5.blend(y4.rearrange(UP1), CLEAR1);
        FloatVector t6 = y6.blend(y7.rearrange(DOWN1), SET1);
        FloatVector t7 = y7.blend(y6.rearrange(UP1), CLEAR1);
        t0.intoArray(dst, o);
        t1.intoArray(dst, o + 1 * nr);
        t2.intoArray(dst, o + 2 * nr);
        t3.intoArray(dst, o + 3 * nr);
        t4.intoArray(dst, o + 4 * nr);
        t5.intoArray(dst, o + 5 * nr);
        t6.intoArray(dst, o + 6 * nr);
        t7.intoArray(dst, o + 7 * nr);
    }
}
