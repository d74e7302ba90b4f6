// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vit.tensor.UnaryOp;

/**
 * {@link GeluKernel}: its plain scalar versions against the exact formulas of {@link Formulas}, on random inputs across
 * and beyond its range; and its vector loop against those plain versions, bit for bit, at this JVM's vector width
 * (whether or not the loop is the one used at this width: {@link GeluKernel#loop} runs regardless).
 */
class GeluKernelTest {
    private static final int SAMPLES = 2_000_000;

    private static float[] inputs(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] xs = new float[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            // mostly the range a network sees, some far into the tails, and some very close to 0
            double r = random.nextDouble();
            xs[i] = (float) (r < 0.8 ? random.nextDouble(-9, 9) : r < 0.95 ? random.nextDouble(-30, 30) : random.nextGaussian() * 1e-4);
        }
        xs[0] = (float) GeluKernel.LO;
        xs[1] = (float) GeluKernel.HI;
        xs[2] = Math.nextDown((float) GeluKernel.HI);
        xs[3] = Math.nextDown((float) GeluKernel.LO);
        xs[4] = 0f;
        xs[5] = -0f;
        xs[6] = Float.MIN_VALUE;
        xs[7] = -0.7517916f; // about GELU''s root
        return xs;
    }

    @Test
    void geluIsWithinOneUlpOfTheExactFormula() {
        float[] xs = inputs(1);
        double worst = 0;
        int differ = 0;
        for (float x : xs) {
            float expected = (float) Formulas.gelu(x);
            float got = GeluKernel.gelu(x);
            // in ulps of the exact result, so that 0 against the smallest subnormal (x = 1.4e-45) counts as one
            double u = Math.abs((double) got - expected) / Math.ulp(expected);
            worst = Math.max(worst, u);
            differ += Float.floatToIntBits(got) == Float.floatToIntBits(expected) ? 0 : 1;
        }
        System.out.printf("gelu [%d] random inputs: %d differ by an ulp from Formulas.gelu, worst %.3f ulp%n", SAMPLES, differ, worst);
        assertThat(worst).as("gelu ulps from Formulas.gelu").isLessThanOrEqualTo(1.0);
        // a polynomial good to 2e-11 rounds the other way only for results within 2e-11 of a float's midpoint
        assertThat(differ).as("inputs whose gelu differs by an ulp").isLessThan(SAMPLES / 1000);
    }

    @Test
    void geluGradIsWithinOneUlpOfTheExactFormula() {
        float[] xs = inputs(2);
        double worst = 0;
        for (float x : xs) {
            float expected = Formulas.unary(UnaryOp.GELU_GRAD, x);
            float got = GeluKernel.geluGrad(x);
            // Near its root (x ~ -0.75) Phi + x phi cancels: there the bound is absolute, 1e-9.
            double err = Math.abs(got - expected) / Math.max(Math.ulp(expected), 1e-9);
            worst = Math.max(worst, err);
        }
        System.out.printf("gelu' [%d] random inputs: worst %.3f ulp%n", SAMPLES, worst);
        assertThat(worst).as("gelu' error in ulps of Formulas' value").isLessThanOrEqualTo(1.0);
    }

    @Test
    void nanAndInfinitiesGoThroughTheFormula() {
        assertThat(GeluKernel.gelu(Float.NaN)).isNaN();
        assertThat(GeluKernel.gelu(Float.POSITIVE_INFINITY)).isEqualTo(Float.POSITIVE_INFINITY);
        float minusInf = Float.NEGATIVE_INFINITY;
        assertThat(Float.isNaN(GeluKernel.gelu(minusInf))).isEqualTo(Float.isNaN(Formulas.unary(UnaryOp.GELU, minusInf)));
        assertThat(GeluKernel.geluGrad(Float.NaN)).isNaN();
        assertThat(GeluKernel.gelu(-0f)).isEqualTo(-0f);
    }

    @Test
    void theLoopGivesThePlainBitsWithTailsStridesChunksAndInPlace() {
        SplittableRandom random = new SplittableRandom(3);
        float[] pool = inputs(3);
        pool[8] = Float.NaN;
        pool[9] = Float.POSITIVE_INFINITY;
        pool[10] = Float.NEGATIVE_INFINITY;
        int cases = 0;
        // odd counts, and counts past the kernel's chunk of 1,024 elements
        for (int count : new int[] {1, 2, 3, 7, 33, 1001, 1024, 1025, 2600}) {
            for (int step : new int[] {1, 3}) {
                for (boolean inRange : new boolean[] {false, true}) {
                    int off = random.nextInt(5);
                    float[] x = new float[off + count * step];
                    float[] g = new float[x.length];
                    for (int i = 0; i < x.length; i++) {
                        // a loop that meets no tail at all, and one with about 20% of them (and NaN and infinities)
                        x[i] = inRange ? (float) random.nextDouble(-8, 8) : pool[random.nextInt(8) == 0 ? 8 + random.nextInt(3) : random.nextInt(SAMPLES)];
                        g[i] = (float) random.nextGaussian();
                    }
                    for (int which = 0; which < 3; which++) {
                        float[] expected = new float[count];
                        for (int i = 0; i < count; i++) {
                            float v = x[off + i * step];
                            expected[i] = which == 0 ? GeluKernel.gelu(v) : which == 1 ? GeluKernel.geluGrad(v) : g[off + i * step] * GeluKernel.geluGrad(v);
                        }
                        float[] o = new float[count + 2];
                        run(which, g, off, step, x, off, step, o, 1, count);
                        String what = new String[] {"gelu", "gelu'", "g * gelu'"}[which] + " of " + count + " inputs " + step + " apart";
                        assertSameBits(what, expected, o, 1);
                        assertThat(o[0]).as("%s: the element before the output", what).isZero();
                        assertThat(o[count + 1]).as("%s: the element after the output", what).isZero();
                        if (step == 1) { // in place: the output is the input (for the backward, g or x)
                            float[] inPlace = (which == 2 ? g : x).clone();
                            run(which, inPlace, off, 1, which == 2 ? x : inPlace, off, 1, inPlace, off, count);
                            assertSameBits(what + ", in place", expected, inPlace, off);
                            if (which == 2) {
                                float[] xInPlace = x.clone();
                                run(which, g, off, 1, xInPlace, off, 1, xInPlace, off, count);
                                assertSameBits(what + ", in place of x", expected, xInPlace, off);
                            }
                        }
                        cases++;
                    }
                }
            }
        }
        System.out.println("gelu, gelu' and g * gelu' vector loop (" + DoubleLanes.L + " doubles a vector): " + cases
            + " cases (strides, tails, NaN, chunks, in place) give the plain bits");
    }

    private static void run(int which, float[] g, int gOff, int gStep, float[] x, int xOff, int xStep, float[] o, int oOff, int count) {
        GeluKernel.loop(which == 2 ? g : null, gOff, gStep, x, xOff, xStep, o, oOff, count, which > 0);
    }

    private static void assertSameBits(String what, float[] expected, float[] got, int off) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(Float.floatToIntBits(got[off + i])).as("%s: element %d, expected %s, got %s", what, i, expected[i], got[off + i])
                .isEqualTo(Float.floatToIntBits(expected[i]));
        }
    }
}
