// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code e^x} in double, a vector of lanes at a time, to a relative error below {@code 1e-13}: far below float's
 * rounding, so a float result computed from it almost always equals the one computed from {@link Math#exp}
 * ({@code VectorExpTest} checks both).
 *
 * <p>Range reduction: {@code x = n ln2 + r} with {@code n = round(x / ln2)} and {@code |r| <= ln2/2}, where
 * {@code ln2 = LN2_HI + LN2_LO} and {@code LN2_HI} has 32 significant bits, so {@code n LN2_HI} and
 * {@code x - n LN2_HI} are exact. Then {@code e^r} is its Taylor polynomial of degree 11 (truncation error
 * {@code (ln2/2)^12 / 12! ~ 6e-15}), by Horner with fused multiply-adds, and {@code e^x = e^r 2^n} with
 * {@code 2^n} built from its exponent bits. Domain: {@code x <= 709}; below {@code -708} (where {@code e^x} leaves
 * the normal doubles) the result is 0.
 *
 * <p>{@link #exp(double)} is the same arithmetic on one double, for the lanes left over at the end of a row.
 */
final class VectorExp {
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final double LOG2_E = 1.4426950408889634;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double MIN = -708;
    private static final double MAX = 709;
    /** {@code 1.5 * 2^52}: adding and subtracting it rounds a double of magnitude below 2^51 to an integer. */
    private static final double ROUND = 6755399441055744.0;
    /** {@code 1/k!} for k = 11 down to 0. */
    private static final double[] C = new double[12];

    static {
        double f = 1;
        for (int k = 1; k <= 11; k++) {
            f *= k;
            C[11 - k] = 1 / f;
        }
        C[11] = 1;
    }

    private VectorExp() {
    }

    static DoubleVector exp(DoubleVector x) {
        DoubleVector v = x.max(MIN).min(MAX); // NaN stays NaN
        DoubleVector n = v.mul(LOG2_E).add(ROUND).sub(ROUND);
        DoubleVector r = v.sub(n.mul(LN2_HI)); // exact
        r = r.sub(n.mul(LN2_LO));
        DoubleVector p = DoubleVector.broadcast(SPECIES, C[0]);
        for (int i = 1; i < C.length; i++) {
            p = p.fma(r, DoubleVector.broadcast(SPECIES, C[i]));
        }
        LongVector k = (LongVector) n.convert(VectorOperators.D2L, 0);
        DoubleVector scale = (DoubleVector) k.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return p.mul(scale).blend(0.0, x.compare(VectorOperators.LT, MIN));
    }

    /** The same arithmetic as {@link #exp(DoubleVector)} for one double. */
    static double exp(double x) {
        if (x < MIN) {
            return 0;
        }
        double v = Math.min(x, MAX); // NaN stays NaN
        double n = (v * LOG2_E + ROUND) - ROUND;
        double r = v - n * LN2_HI;
        r = r - n * LN2_LO;
        double p = C[0];
        for (int i = 1; i < C.length; i++) {
            p = Math.fma(p, r, C[i]);
        }
        return p * Double.longBitsToDouble(((long) n + 1023) << 52);
    }
}
