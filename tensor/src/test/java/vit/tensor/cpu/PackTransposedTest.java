// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The transposes in registers ({@link PackTransposed}: {@link PackTransposed16} on 16 lanes, {@link PackTransposed8} on
 * 8) against the element-by-element loop of their contract, {@code dst[d + p*nr + j] = b[s + j*bCol + p]}, on odd
 * depths, strides and offsets. Each runs only at its width (CI runs these tests at 512, 256 and 128 bits); elsewhere
 * the products that use them are covered by {@code GemmTest}.
 */
class PackTransposedTest {
    @ParameterizedTest(name = "kc={0} bCol={1} s={2} d={3} panels={4}")
    @CsvSource({"1, 1, 0, 0, 1", "7, 7, 3, 5, 1", "8, 9, 1, 0, 2", "17, 31, 11, 7, 1", "255, 301, 5, 3, 2", "256, 3072, 0, 0, 2", "513, 769, 13, 1, 3"})
    void blocksInRegistersMatchTheLoop(int kc, int bCol, int s, int d, int panels) {
        assumeTrue(PackTransposed.supported(), "16- or 8-lane vectors");
        System.out.print(PackTransposed.LANES + " lanes: ");
        check(kc, bCol, s, d, PackTransposed.LANES * panels);
    }

    private static void check(int kc, int bCol, int s, int d, int nr) {
        bCol = Math.max(bCol, kc);                        // rows of b may not overlap
        SplittableRandom random = new SplittableRandom(kc * 31L + bCol);
        float[] b = new float[s + nr * bCol + 3];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) random.nextGaussian();
        }
        float[] expected = new float[d + kc * nr + 5];
        Arrays.fill(expected, Float.NaN);
        float[] got = expected.clone();
        for (int p = 0; p < kc; p++) {
            for (int j = 0; j < nr; j++) {
                expected[d + p * nr + j] = b[s + j * bCol + p];
            }
        }
        PackTransposed.pack(kc, b, s, bCol, got, d, nr);
        for (int i = 0; i < got.length; i++) {
            // NaN where nothing may be written: before d, and after the panel
            assertThat(Float.floatToRawIntBits(got[i])).as("dst[%d] of a %d x %d panel", i, kc, nr)
                .isEqualTo(Float.floatToRawIntBits(expected[i]));
        }
        System.out.println("transpose of " + nr + " rows of " + kc + " (stride " + bCol + "): equal to the loop");
    }
}
