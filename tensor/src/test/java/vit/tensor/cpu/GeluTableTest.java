// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

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

    @Test
    void geluIsWithinOneUlpOfTheExactFormula() {
        GeluChecks.geluWithinOneUlp("GeluTable", GeluTable::gelu, inputs(1));
    }

    @Test
    void geluGradIsWithinOneUlpOfTheExactFormula() {
        GeluChecks.geluGradWithinOneUlp("GeluTable", GeluTable::geluGrad, inputs(2));
    }

    @Test
    void nanAndInfinitiesGoThroughTheFormula() {
        GeluChecks.specialValues(GeluTable::gelu, GeluTable::geluGrad);
    }

    @Test
    void loopsGiveTheScalarBitsWithTailsStridesAndInPlace() {
        GeluChecks.loopsGiveTheScalarBits("GeluTable", GeluTable::gelu, GeluTable::geluGrad, (which, g, gOff, gStep, x, xOff, xStep, o, oOff, count) -> {
            if (which == 0) {
                GeluTable.gelu(x, xOff, xStep, o, oOff, count);
            } else if (which == 1) {
                GeluTable.geluGrad(x, xOff, xStep, o, oOff, count);
            } else {
                GeluTable.geluBackward(g, gOff, gStep, x, xOff, xStep, o, oOff, count);
            }
        }, inputs(3), new int[] {1, 2, 7, 33, 1001});
    }
}
