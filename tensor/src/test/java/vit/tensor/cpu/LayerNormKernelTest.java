// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link LayerNormKernel#row} against the plain loop {@link Formulas#layerNormRow}, on odd row lengths, with offsets. */
class LayerNormKernelTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 17, 33, 197, 768, 1001})
    void rowMatchesThePlainLoopWithinAnUlp(int n) {
        SplittableRandom random = new SplittableRandom(n);
        int rows = 60;
        float[] x = new float[rows * n + 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * 2 + (i / n % 3 == 0 ? 300 : 0)); // some rows with |mean| >> std
        }
        float[] w = new float[n + 1];
        float[] b = new float[n + 2];
        for (int i = 0; i < n; i++) {
            w[1 + i] = (float) random.nextGaussian();
            b[2 + i] = (float) random.nextGaussian();
        }
        float[][] plain = {new float[rows * n + 4], new float[rows + 1], new float[rows + 1]};
        float[][] fast = {new float[rows * n + 4], new float[rows + 1], new float[rows + 1]};
        for (int r = 0; r < rows; r++) {
            Formulas.layerNormRow(x, 3 + r * n, 1, n, 1e-6f, w, 1, b, 2, plain[0], 4 + r * n, plain[1], r, plain[2], r);
            LayerNormKernel.row(x, 3 + r * n, n, 1e-6f, w, 1, b, 2, fast[0], 4 + r * n, fast[1], r, fast[2], r);
        }
        int differ = 0;
        double worst = 0;
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < plain[k].length; i++) {
                differ += plain[k][i] == fast[k][i] ? 0 : 1;
                worst = Math.max(worst, Math.abs(plain[k][i] - fast[k][i]) / Math.ulp(plain[k][i]));
            }
        }
        System.out.printf("layerNorm [%d, %d]: %d values differ from the plain loop, by at most %.0f ulp%n", rows, n, differ, worst);
        assertThat(worst).isLessThanOrEqualTo(1.0);
        assertThat(differ).isLessThanOrEqualTo(rows * n / 100);
    }
}
