// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vit.tensor.UnaryOp;

/** {@link GeluTable} against the reference formulas of {@link Formulas}, on random inputs across and beyond the table. */
class GeluTableTest {
    private static final int SAMPLES = 2_000_000;

    private static float[] inputs(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] xs = new float[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            // mostly the range a network sees, some far into the tails, and exact table nodes
            double r = random.nextDouble();
            xs[i] = (float) (r < 0.8 ? random.nextDouble(-9, 9) : r < 0.95 ? random.nextDouble(-30, 30)
                : Math.round(random.nextDouble(-8, 8) * GeluTable.STEPS_PER_UNIT) / (double) GeluTable.STEPS_PER_UNIT);
        }
        xs[0] = (float) GeluTable.LO;
        xs[1] = (float) GeluTable.HI;
        xs[2] = Math.nextDown((float) GeluTable.HI);
        xs[3] = 0f;
        xs[4] = -0f;
        return xs;
    }

    private static int ulps(float a, float b) {
        return Math.abs(Float.floatToIntBits(a) - Float.floatToIntBits(b));
    }

    @Test
    void geluIsWithinOneUlpOfTheExactFormula() {
        float[] xs = inputs(1);
        int worst = 0;
        int differ = 0;
        for (float x : xs) {
            float expected = (float) Formulas.gelu(x);
            float got = GeluTable.gelu(x);
            int u = Math.signum(expected) == Math.signum(got) ? ulps(got, expected) : Integer.MAX_VALUE;
            worst = Math.max(worst, u);
            differ += u == 0 ? 0 : 1;
        }
        System.out.printf("gelu [%d] random inputs: %d differ by an ulp from Formulas.gelu, worst %d ulp%n", SAMPLES, differ, worst);
        assertThat(worst).as("gelu ulps from Formulas.gelu").isLessThanOrEqualTo(1);
        assertThat(differ).as("inputs whose gelu differs by an ulp").isLessThan(SAMPLES / 1000);
    }

    @Test
    void geluGradIsWithinOneUlpOfTheExactFormula() {
        float[] xs = inputs(2);
        double worst = 0;
        for (float x : xs) {
            float expected = Formulas.unary(UnaryOp.GELU_GRAD, x);
            float got = GeluTable.geluGrad(x);
            // Near its root (x ~ -0.75) Phi + x phi cancels: there the bound is absolute, 1e-9.
            double err = Math.abs(got - expected) / Math.max(Math.ulp(expected), 1e-9);
            worst = Math.max(worst, err);
        }
        System.out.printf("gelu' [%d] random inputs: worst %.3f ulp%n", SAMPLES, worst);
        assertThat(worst).as("gelu' error in ulps of Formulas' value").isLessThanOrEqualTo(1.0);
    }

    @Test
    void nanAndInfinitiesGoThroughTheFormula() {
        assertThat(GeluTable.gelu(Float.NaN)).isNaN();
        assertThat(GeluTable.gelu(Float.POSITIVE_INFINITY)).isEqualTo(Float.POSITIVE_INFINITY);
        float minusInf = Float.NEGATIVE_INFINITY;
        assertThat(Float.isNaN(GeluTable.gelu(minusInf))).isEqualTo(Float.isNaN(Formulas.unary(UnaryOp.GELU, minusInf)));
        assertThat(GeluTable.geluGrad(Float.NaN)).isNaN();
    }

    @Test
    void loopsGiveTheScalarBitsWithTailsStridesAndInPlace() {
        SplittableRandom random = new SplittableRandom(3);
        float[] pool = inputs(3);
        pool[5] = Float.NaN;
        pool[6] = Float.POSITIVE_INFINITY;
        pool[7] = Float.NEGATIVE_INFINITY;
        int cases = 0;
        for (int count : new int[] {1, 2, 7, 33, 1001}) {
            for (int step : new int[] {1, 3}) {
                for (boolean onlyTable : new boolean[] {false, true}) {
                    int off = random.nextInt(5);
                    float[] x = new float[off + count * step];
                    float[] g = new float[x.length];
                    for (int i = 0; i < x.length; i++) {
                        // a loop that meets no tail at all, and one with about 20% of them (and NaN and infinities)
                        x[i] = onlyTable ? (float) random.nextDouble(-8, 8) : pool[random.nextInt(8) == 0 ? random.nextInt(8) : random.nextInt(SAMPLES)];
                        g[i] = (float) random.nextGaussian();
                    }
                    for (int which = 0; which < 3; which++) {
                        float[] expected = new float[count];
                        for (int i = 0; i < count; i++) {
                            float v = x[off + i * step];
                            expected[i] = which == 0 ? GeluTable.gelu(v) : which == 1 ? GeluTable.geluGrad(v) : g[off + i * step] * GeluTable.geluGrad(v);
                        }
                        float[] o = new float[count + 2];
                        if (which == 0) {
                            GeluTable.gelu(x, off, step, o, 1, count);
                        } else if (which == 1) {
                            GeluTable.geluGrad(x, off, step, o, 1, count);
                        } else {
                            GeluTable.geluBackward(g, off, step, x, off, step, o, 1, count);
                        }
                        String what = new String[] {"gelu", "gelu'", "g * gelu'"}[which] + " of " + count + " inputs " + step + " apart";
                        assertSameBits(what, expected, o, 1);
                        assertThat(o[0]).as("%s: the element before the output", what).isZero();
                        assertThat(o[count + 1]).as("%s: the element after the output", what).isZero();
                        if (step == 1) { // in place: the output is the input (for the backward, the gradient g)
                            float[] inPlace = (which == 2 ? g : x).clone();
                            if (which == 0) {
                                GeluTable.gelu(inPlace, off, 1, inPlace, off, count);
                            } else if (which == 1) {
                                GeluTable.geluGrad(inPlace, off, 1, inPlace, off, count);
                            } else {
                                GeluTable.geluBackward(inPlace, off, 1, x, off, 1, inPlace, off, count);
                            }
                            assertSameBits(what + ", in place", expected, inPlace, off);
                        }
                        cases++;
                    }
                }
            }
        }
        System.out.println("gelu, gelu' and g * gelu' loops: " + cases + " cases (strides, tails, NaN, in place) give the scalar bits");
    }

    private static void assertSameBits(String what, float[] expected, float[] got, int off) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(Float.floatToIntBits(got[off + i])).as("%s: element %d, expected %s, got %s", what, i, expected[i], got[off + i])
                .isEqualTo(Float.floatToIntBits(expected[i]));
        }
    }
}
