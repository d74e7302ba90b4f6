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
}
