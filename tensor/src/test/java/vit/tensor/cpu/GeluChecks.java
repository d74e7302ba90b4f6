// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vit.tensor.UnaryOp;

/**
 * The checks {@link GeluTableTest} and {@link GeluKernelTest} share, for one implementation of GELU: its scalar
 * methods against the exact formulas of {@link Formulas}, and its loops against its scalar methods, bit for bit.
 * A subclass names the implementation and gives its inputs.
 */
abstract class GeluChecks {
    /** A scalar method: GELU or GELU' of one float. */
    interface Scalar {
        float at(float x);
    }

    private final String name;
    private final Scalar gelu;
    private final Scalar geluGrad;

    /** {@code name} for the messages; the implementation's scalar GELU and GELU'. */
    GeluChecks(String name, Scalar gelu, Scalar geluGrad) {
        this.name = name;
        this.gelu = gelu;
        this.geluGrad = geluGrad;
    }

    /** The loops: GELU into {@code o} ({@code which = 0}), GELU' (1), or GELU into {@code o} and GELU' into {@code d} (2). */
    abstract void loop(int which, float[] x, int xOff, int xStep, float[] o, int oOff, float[] d, int dOff, int count);

    /** Random inputs across and beyond the implementation's range, with its edges. */
    abstract float[] inputs(long seed);

    /** How many inputs {@link #inputs} gives. */
    static final int SAMPLES = 2_000_000;

    /**
     * {@link #SAMPLES} inputs: mostly the range a network sees (80% in [-9, 9]), some far into the tails (15% in
     * [-30, 30]), and 5% drawn by {@code special}, where each implementation has its own edges.
     */
    static float[] randomInputs(long seed, java.util.function.ToDoubleFunction<SplittableRandom> special) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] xs = new float[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            double r = random.nextDouble();
            xs[i] = (float) (r < 0.8 ? random.nextDouble(-9, 9) : r < 0.95 ? random.nextDouble(-30, 30) : special.applyAsDouble(random));
        }
        return xs;
    }

    /** The element counts the loops are checked at. */
    abstract int[] counts();

    @Test
    void geluIsWithinOneUlpOfTheExactFormula() {
        geluWithinOneUlp(name, gelu, inputs(1));
    }

    @Test
    void geluGradIsWithinOneUlpOfTheExactFormula() {
        geluGradWithinOneUlp(name, geluGrad, inputs(2));
    }

    @Test
    void nanAndInfinitiesGoThroughTheFormula() {
        specialValues(gelu, geluGrad);
    }

    @Test
    void loopsGiveTheScalarBitsWithTailsStridesAndInPlace() {
        loopsGiveTheScalarBits(name, gelu, geluGrad, inputs(3), counts());
    }

    /** GELU within 1 ulp of {@link Formulas#gelu} on {@code xs}, and equal to it for all but a thousandth of them. */
    private static void geluWithinOneUlp(String name, Scalar gelu, float[] xs) {
        double worst = 0;
        int differ = 0;
        for (float x : xs) {
            float expected = (float) Formulas.gelu(x);
            float got = gelu.at(x);
            // in ulps of the exact result, so that 0 against the smallest subnormal (x = 1.4e-45) counts as one
            double u = Math.abs((double) got - expected) / Math.ulp(expected);
            worst = Math.max(worst, u);
            differ += Float.floatToIntBits(got) == Float.floatToIntBits(expected) ? 0 : 1;
        }
        System.out.printf("%s gelu [%d] random inputs: %d differ by an ulp from Formulas.gelu, worst %.3f ulp%n", name, xs.length,
            differ, worst);
        assertThat(worst).as("%s: gelu ulps from Formulas.gelu", name).isLessThanOrEqualTo(1.0);
        assertThat(differ).as("%s: inputs whose gelu differs by an ulp", name).isLessThan(xs.length / 1000);
    }

    /** GELU' within 1 ulp of {@link Formulas}' (within 1e-9 near its root, where {@code Phi + x phi} cancels). */
    private static void geluGradWithinOneUlp(String name, Scalar geluGrad, float[] xs) {
        double worst = 0;
        for (float x : xs) {
            float expected = Formulas.unary(UnaryOp.GELU_GRAD, x);
            float got = geluGrad.at(x);
            double err = Math.abs(got - expected) / Math.max(Math.ulp(expected), 1e-9);
            worst = Math.max(worst, err);
        }
        System.out.printf("%s gelu' [%d] random inputs: worst %.3f ulp%n", name, xs.length, worst);
        assertThat(worst).as("%s: gelu' error in ulps of Formulas' value", name).isLessThanOrEqualTo(1.0);
    }

    /** NaN stays NaN, +inf gives +inf, -inf whatever the formula gives. */
    private static void specialValues(Scalar gelu, Scalar geluGrad) {
        assertThat(gelu.at(Float.NaN)).isNaN();
        assertThat(gelu.at(Float.POSITIVE_INFINITY)).isEqualTo(Float.POSITIVE_INFINITY);
        float minusInf = Float.NEGATIVE_INFINITY;
        assertThat(Float.isNaN(gelu.at(minusInf))).isEqualTo(Float.isNaN(Formulas.unary(UnaryOp.GELU, minusInf)));
        assertThat(geluGrad.at(Float.NaN)).isNaN();
        assertThat(gelu.at(-0f)).isEqualTo(-0f);
    }

    /**
     * The three loops give the scalar methods' bits for each count in {@code counts}, 1 and 3 apart, with no tail and
     * with about 20% of them (inputs from {@code pool}, NaN and infinities), into a fresh array and in place (GELU over
     * its input; the derivative of the third loop always goes to an array of its own).
     */
    private void loopsGiveTheScalarBits(String name, Scalar gelu, Scalar geluGrad, float[] pool, int[] counts) {
        SplittableRandom random = new SplittableRandom(3);
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        int cases = 0;
        for (int count : counts) {
            for (int step : new int[] {1, 3}) {
                for (boolean inRange : new boolean[] {false, true}) {
                    int off = random.nextInt(5);
                    float[] x = new float[off + count * step];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = inRange ? (float) random.nextDouble(-8, 8)
                            : random.nextInt(8) == 0 ? specials[random.nextInt(3)] : pool[random.nextInt(pool.length)];
                    }
                    float[] expectedGelu = new float[count];
                    float[] expectedGrad = new float[count];
                    for (int i = 0; i < count; i++) {
                        expectedGelu[i] = gelu.at(x[off + i * step]);
                        expectedGrad[i] = geluGrad.at(x[off + i * step]);
                    }
                    for (int which = 0; which < 3; which++) {
                        float[] expected = which == 1 ? expectedGrad : expectedGelu;
                        float[] o = new float[count + 2];
                        float[] d = which == 2 ? new float[count + 4] : null;
                        loop(which, x, off, step, o, 1, d, 3, count);
                        String what = name + ": " + new String[] {"gelu", "gelu'", "gelu with gelu'"}[which] + " of " + count + " inputs "
                            + step + " apart";
                        assertSameBits(what, expected, o, 1);
                        assertThat(o[0]).as("%s: the element before the output", what).isZero();
                        assertThat(o[count + 1]).as("%s: the element after the output", what).isZero();
                        if (d != null) {
                            assertSameBits(what + ", the gelu'", expectedGrad, d, 3);
                            assertThat(d[2]).as("%s: the element before the gelu'", what).isZero();
                            assertThat(d[count + 3]).as("%s: the element after the gelu'", what).isZero();
                        }
                        if (step == 1) { // in place: the output is the input
                            float[] inPlace = x.clone();
                            float[] dInPlace = which == 2 ? new float[off + count] : null;
                            loop(which, inPlace, off, 1, inPlace, off, dInPlace, off, count);
                            assertSameBits(what + ", in place", expected, inPlace, off);
                            if (dInPlace != null) {
                                assertSameBits(what + ", in place, the gelu'", expectedGrad, dInPlace, off);
                            }
                        }
                        cases++;
                    }
                }
            }
        }
        System.out.println(name + ": gelu, gelu' and gelu-with-gelu' loops, " + cases + " cases (strides, tails, NaN, in place) give the scalar bits");
    }

    private static void assertSameBits(String what, float[] expected, float[] got, int off) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(Float.floatToIntBits(got[off + i])).as("%s: element %d, expected %s, got %s", what, i, expected[i], got[off + i])
                .isEqualTo(Float.floatToIntBits(expected[i]));
        }
    }
}
