// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

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
        GeluChecks.geluWithinOneUlp("GeluKernel", GeluKernel::gelu, inputs(1));
    }

    @Test
    void geluGradIsWithinOneUlpOfTheExactFormula() {
        GeluChecks.geluGradWithinOneUlp("GeluKernel", GeluKernel::geluGrad, inputs(2));
    }

    @Test
    void nanAndInfinitiesGoThroughTheFormula() {
        GeluChecks.specialValues(GeluKernel::gelu, GeluKernel::geluGrad);
    }

    @Test
    void theLoopGivesThePlainBitsWithTailsStridesChunksAndInPlace() {
        // odd counts, and counts past the kernel's chunk of 1,024 elements; GeluKernel.loop whatever GeluKernel.VECTOR says
        GeluChecks.loopsGiveTheScalarBits("GeluKernel", GeluKernel::gelu, GeluKernel::geluGrad, (which, g, gOff, gStep, x, xOff, xStep, o, oOff, count) -> GeluKernel.loop(which == 2 ? g : null, gOff, gStep, x, xOff,
            xStep, o, oOff, count, which > 0), inputs(3), new int[] {1, 2, 3, 7, 33, 1001, 1024, 1025, 2600});
    }
}
