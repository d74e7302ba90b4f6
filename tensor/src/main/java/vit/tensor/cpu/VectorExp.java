// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code e^x} in float, a vector of lanes at a time, within 2 ulp of the correctly rounded value
 * ({@code VectorExpTest} checks it against {@link Math#exp}).
 *
 * <p>Range reduction: {@code x = n ln2 + r} with {@code n = round(x / ln2)} and {@code |r| <= ln2/2}, where
 * {@code ln2 = LN2_HI + LN2_LO} and {@code LN2_HI} has 9 significant bits, so {@code n LN2_HI} and
 * {@code x - n LN2_HI} are exact. Then {@code e^r} is its Taylor polynomial of degree 7 (truncation error
 * {@code (ln2/2)^8 / 8! ~ 5e-9}, under a tenth of an ulp), by Horner with fused multiply-adds, and
 * {@code e^x = e^r 2^n}. The power of two is applied in two halves, {@code 2^(n/2) 2^(n - n/2)}, so that
 * results below float's smallest normal number round once, into a subnormal, as {@code Math.exp} does.
 * {@code x} is clamped to {@code [-104, 89]} first: beyond, the result is 0 or infinity either way.
 *
 * <p>{@link #exp(float)} is the same arithmetic on one float, for the lanes left over at the end of a row.
 */
final class VectorExp {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final float LOG2_E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float MIN = -104f;
    private static final float MAX = 89f;
    /** {@code 1/k!} for k = 7 down to 2. */
    private static final float C7 = 1f / 5040;
    private static final float C6 = 1f / 720;
    private static final float C5 = 1f / 120;
    private static final float C4 = 1f / 24;
    private static final float C3 = 1f / 6;
    private static final float C2 = 1f / 2;

    private VectorExp() {
    }

    static FloatVector exp(FloatVector x) {
        FloatVector v = x.max(MIN).min(MAX); // NaN stays NaN
        FloatVector n = round(v.mul(LOG2_E));
        FloatVector r = v.sub(n.mul(LN2_HI)); // exact
        r = n.fma(constant(-LN2_LO), r);
        FloatVector p = r.fma(C7, C6);
        p = p.fma(r, constant(C5));
        p = p.fma(r, constant(C4));
        p = p.fma(r, constant(C3));
        p = p.fma(r, constant(C2));
        p = p.fma(r, constant(1f));
        p = p.fma(r, constant(1f));
        IntVector k = (IntVector) n.convert(VectorOperators.F2I, 0);
        IntVector half = k.lanewise(VectorOperators.ASHR, 1);
        return p.mul(powerOfTwo(half)).mul(powerOfTwo(k.sub(half)));
    }

    private static FloatVector constant(float c) {
        return FloatVector.broadcast(SPECIES, c);
    }

    /** Round half to even, via the float trick {@code (x + 1.5*2^23) - 1.5*2^23}, exact for |x| < 2^22. */
    private static FloatVector round(FloatVector x) {
        return x.add(12582912f).sub(12582912f);
    }

    /** {@code 2^k} for {@code -126 <= k <= 127}, built from its exponent bits. */
    private static FloatVector powerOfTwo(IntVector k) {
        return (FloatVector) k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }

    /** The same arithmetic as {@link #exp(FloatVector)} for one float. */
    static float exp(float x) {
        float v = Math.min(Math.max(x, MIN), MAX); // NaN stays NaN
        float n = (v * LOG2_E + 12582912f) - 12582912f;
        float r = v - n * LN2_HI; // exact
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(r, C7, C6);
        p = Math.fma(p, r, C5);
        p = Math.fma(p, r, C4);
        p = Math.fma(p, r, C3);
        p = Math.fma(p, r, C2);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        int k = (int) n;
        int half = k >> 1;
        return p * Float.intBitsToFloat((half + 127) << 23) * Float.intBitsToFloat((k - half + 127) << 23);
    }
}
