// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PackTransposed}'s block for 16-lane vectors: {@code 16 x 16} floats loaded as 16 rows of the source,
 * transposed in registers and stored as 16 rows of the panel.
 *
 * <p>The transpose takes four rounds; round {@code s = 8, 4, 2, 1} swaps the {@code s x s} off-diagonal blocks
 * of every {@code 2s x 2s} block, each output one lane shift and one blend. About three times faster than
 * gathering down the columns of a weight seen through {@code mT()}, and it reads each cache line of the weight once,
 * whole.
 */
final class PackTransposed16 {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_512;
    /** Round {@code s}'s lane shifts and masks, as {@link PackTransposed#shift} and {@link PackTransposed#withBit} say. */
    private static final VectorShuffle<Float> DOWN8 = PackTransposed.shift(SPECIES, -8), UP8 = PackTransposed.shift(SPECIES, 8),
        DOWN4 = PackTransposed.shift(SPECIES, -4), UP4 = PackTransposed.shift(SPECIES, 4), DOWN2 = PackTransposed.shift(SPECIES, -2),
        UP2 = PackTransposed.shift(SPECIES, 2), DOWN1 = PackTransposed.shift(SPECIES, -1), UP1 = PackTransposed.shift(SPECIES, 1);
    private static final VectorMask<Float> SET8 = PackTransposed.withBit(SPECIES, 8), CLEAR8 = SET8.not(),
        SET4 = PackTransposed.withBit(SPECIES, 4), CLEAR4 = SET4.not(), SET2 = PackTransposed.withBit(SPECIES, 2),
        CLEAR2 = SET2.not(), SET1 = PackTransposed.withBit(SPECIES, 1), CLEAR1 = SET1.not();

    private PackTransposed16() {
    }

    /**
     * One block: {@code dst[o + p*nr + j] = b[r + j*bCol + p]} for {@code p, j < 16}, 16 rows of {@code b} loaded
     * whole, transposed in registers and stored as 16 rows of the panel.
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
        FloatVector x8 = FloatVector.fromArray(SPECIES, b, r + 8 * bCol);
        FloatVector x9 = FloatVector.fromArray(SPECIES, b, r + 9 * bCol);
        FloatVector x10 = FloatVector.fromArray(SPECIES, b, r + 10 * bCol);
        FloatVector x11 = FloatVector.fromArray(SPECIES, b, r + 11 * bCol);
        FloatVector x12 = FloatVector.fromArray(SPECIES, b, r + 12 * bCol);
        FloatVector x13 = FloatVector.fromArray(SPECIES, b, r + 13 * bCol);
        FloatVector x14 = FloatVector.fromArray(SPECIES, b, r + 14 * bCol);
        FloatVector x15 = FloatVector.fromArray(SPECIES, b, r + 15 * bCol);
        FloatVector a0 = x0.blend(x8.rearrange(DOWN8), SET8);
        FloatVector a8 = x8.blend(x0.rearrange(UP8), CLEAR8);
        FloatVector a1 = x1.blend(x9.rearrange(DOWN8), SET8);
        FloatVector a9 = x9.blend(x1.rearrange(UP8), CLEAR8);
        FloatVector a2 = x2.blend(x10.rearrange(DOWN8), SET8);
        FloatVector a10 = x10.blend(x2.rearrange(UP8), CLEAR8);
        FloatVector a3 = x3.blend(x11.rearrange(DOWN8), SET8);
        FloatVector a11 = x11.blend(x3.rearrange(UP8), CLEAR8);
        FloatVector a4 = x4.blend(x12.rearrange(DOWN8), SET8);
        FloatVector a12 = x12.blend(x4.rearrange(UP8), CLEAR8);
        FloatVector a5 = x5.blend(x13.rearrange(DOWN8), SET8);
        FloatVector a13 = x13.blend(x5.rearrange(UP8), CLEAR8);
        FloatVector a6 = x6.blend(x14.rearrange(DOWN8), SET8);
        FloatVector a14 = x14.blend(x6.rearrange(UP8), CLEAR8);
        FloatVector a7 = x7.blend(x15.rearrange(DOWN8), SET8);
        FloatVector a15 = x15.blend(x7.rearrange(UP8), CLEAR8);
        FloatVector c0 = a0.blend(a4.rearrange(DOWN4), SET4);
        FloatVector c4 = a4.blend(a0.rearrange(UP4), CLEAR4);
        FloatVector c1 = a1.blend(a5.rearrange(DOWN4), SET4);
        FloatVector c5 = a5.blend(a1.rearrange(UP4), CLEAR4);
        FloatVector c2 = a2.blend(a6.rearrange(DOWN4), SET4);
        FloatVector c6 = a6.blend(a2.rearrange(UP4), CLEAR4);
        FloatVector c3 = a3.blend(a7.rearrange(DOWN4), SET4);
        FloatVector c7 = a7.blend(a3.rearrange(UP4), CLEAR4);
        FloatVector c8 = a8.blend(a12.rearrange(DOWN4), SET4);
        FloatVector c12 = a12.blend(a8.rearrange(UP4), CLEAR4);
        FloatVector c9 = a9.blend(a13.rearrange(DOWN4), SET4);
        FloatVector c13 = a13.blend(a9.rearrange(UP4), CLEAR4);
        FloatVector c10 = a10.blend(a14.rearrange(DOWN4), SET4);
        FloatVector c14 = a14.blend(a10.rearrange(UP4), CLEAR4);
        FloatVector c11 = a11.blend(a15.rearrange(DOWN4), SET4);
        FloatVector c15 = a15.blend(a11.rearrange(UP4), CLEAR4);
        FloatVector e0 = c0.blend(c2.rearrange(DOWN2), SET2);
        FloatVector e2 = c2.blend(c0.rearrange(UP2), CLEAR2);
        FloatVector e1 = c1.blend(c3.rearrange(DOWN2), SET2);
        FloatVector e3 = c3.blend(c1.rearrange(UP2), CLEAR2);
        FloatVector e4 = c4.blend(c6.rearrange(DOWN2), SET2);
        FloatVector e6 = c6.blend(c4.rearrange(UP2), CLEAR2);
        FloatVector e5 = c5.blend(c7.rearrange(DOWN2), SET2);
        FloatVector e7 = c7.blend(c5.rearrange(UP2), CLEAR2);
        FloatVector e8 = c8.blend(c10.rearrange(DOWN2), SET2);
        FloatVector e10 = c10.blend(c8.rearrange(UP2), CLEAR2);
        FloatVector e9 = c9.blend(c11.rearrange(DOWN2), SET2);
        FloatVector e11 = c11.blend(c9.rearrange(UP2), CLEAR2);
        FloatVector e12 = c12.blend(c14.rearrange(DOWN2), SET2);
        FloatVector e14 = c14.blend(c12.rearrange(UP2), CLEAR2);
        FloatVector e13 = c13.blend(c15.rearrange(DOWN2), SET2);
        FloatVector e15 = c15.blend(c13.rearrange(UP2), CLEAR2);
        FloatVector t0 = e0.blend(e1.rearrange(DOWN1), SET1);
        FloatVector t1 = e1.blend(e0.rearrange(UP1), CLEAR1);
        FloatVector t2 = e2.blend(e3.rearrange(DOWN1), SET1);
        FloatVector t3 = e3.blend(e2.rearrange(UP1), CLEAR1);
        FloatVector t4 = e4.blend(e5.rearrange(DOWN1), SET1);
        FloatVector t5 = e5.blend(e4.rearrange(UP1), CLEAR1);
        FloatVector t6 = e6.blend(e7.rearrange(DOWN1), SET1);
        FloatVector t7 = e7.blend(e6.rearrange(UP1), CLEAR1);
        FloatVector t8 = e8.blend(e9.rearrange(DOWN1), SET1);
        FloatVector t9 = e9.blend(e8.rearrange(UP1), CLEAR1);
        FloatVector t10 = e10.blend(e11.rearrange(DOWN1), SET1);
        FloatVector t11 = e11.blend(e10.rearrange(UP1), CLEAR1);
        FloatVector t12 = e12.blend(e13.rearrange(DOWN1), SET1);
        FloatVector t13 = e13.blend(e12.rearrange(UP1), CLEAR1);
        FloatVector t14 = e14.blend(e15.rearrange(DOWN1), SET1);
        FloatVector t15 = e15.blend(e14.rearrange(UP1), CLEAR1);
        t0.intoArray(dst, o);
        t1.intoArray(dst, o + 1 * nr);
        t2.intoArray(dst, o + 2 * nr);
        t3.intoArray(dst, o + 3 * nr);
        t4.intoArray(dst, o + 4 * nr);
        t5.intoArray(dst, o + 5 * nr);
        t6.intoArray(dst, o + 6 * nr);
        t7.intoArray(dst, o + 7 * nr);
        t8.intoArray(dst, o + 8 * nr);
        t9.intoArray(dst, o + 9 * nr);
        t10.intoArray(dst, o + 10 * nr);
        t11.intoArray(dst, o + 11 * nr);
        t12.intoArray(dst, o + 12 * nr);
        t13.intoArray(dst, o + 13 * nr);
        t14.intoArray(dst, o + 14 * nr);
        t15.intoArray(dst, o + 15 * nr);
    }
}
