// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SoftmaxKernel#row} against the plain double-precision loop {@link Formulas#softmaxRow}, on odd row lengths: the
 * vector exponential and the lane-wise sums may move the last bit of a double, so a float may be 1 ulp off, rarely.
 */
class SoftmaxKernelTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 15, 16, 17, 33, 197, 1001})
    void rowMatchesThePlainLoopWithinOneUlp(int n) {
        SplittableRandom random = new SplittableRandom(n);
        int rows = 50;
        float[] x = new float[rows * n + 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * (i % 7 == 0 ? 30 : 3)); // some rows with a far-ahead maximum
        }
        x[5] = Float.NEGATIVE_INFINITY; // a masked score
        float[] plain = new float[rows * n + 5];
        float[] fast = new float[rows * n + 5];
        int differ = 0;
        for (int r = 0; r < rows; r++) {
            Formulas.softmaxRow(x, 3 + r * n, 1, plain, 5 + r * n, 1, n, false);
            SoftmaxKernel.row(x, 3 + r * n, fast, 5 + r * n, n);
        }
        for (int r = 0; r < rows; r++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, x[3 + r * n + i]);
            }
            for (int i = 0; i < n; i++) {
                float p = plain[5 + r * n + i];
                float f = fast[5 + r * n + i];
                if (Float.isNaN(p) || Float.isNaN(f)) {
                    assertThat(f).as("NaN where the plain loop has NaN").isNaN();
                    assertThat(p).isNaN();
                    continue;
                }
                assertThat(Math.abs(f - p)).as("row %d, element %d", r, i).isLessThanOrEqualTo(Math.ulp(p));
                differ += f == p ? 0 : 1;
            }
        }
        System.out.printf("softmax [%d, %d]: %d values differ from the plain loop%n", rows, n, differ);
        assertThat(differ).as("values off by an ulp").isLessThanOrEqualTo(rows * n / 1000);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 17, 40})
    void aFullyMaskedRowIsNanAsInThePlainLoop(int n) {
        float[] x = new float[n];
        java.util.Arrays.fill(x, Float.NEGATIVE_INFINITY);
        float[] plain = new float[n];
        float[] fast = new float[n];
        Formulas.softmaxRow(x, 0, 1, plain, 0, 1, n, false);
        SoftmaxKernel.row(x, 0, fast, 0, n);
        assertThat(fast).containsOnly(Float.NaN);
        assertThat(plain).containsOnly(Float.NaN);
    }
}
