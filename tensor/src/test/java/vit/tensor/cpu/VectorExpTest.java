// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** {@link VectorExp} against {@link Math#exp} rounded to float, over the whole float range, subnormals included. */
class VectorExpTest {
    private static final int L = VectorExp.SPECIES.length();

    private static int ulps(float a, float b) {
        return Math.abs(Float.floatToIntBits(a) - Float.floatToIntBits(b)); // both >= 0 here
    }

    @Test
    void vectorAndScalarExpAreWithinTwoUlpOfMathExp() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 1 << 20;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (i % 4 == 0 ? random.nextDouble(-110, 92) : random.nextDouble(-12, 0)); // softmax lives in x <= 0
        }
        float[] specials = {0f, -0f, 1f, -1f, 88.7f, 88.73f, 89f, -87.3f, -103.9f, -104f, -150f, Float.NEGATIVE_INFINITY,
            Float.POSITIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-10f};
        System.arraycopy(specials, 0, x, 0, specials.length);
        float[] got = new float[n];
        for (int i = 0; i < n; i += L) {
            VectorExp.exp(FloatVector.fromArray(VectorExp.SPECIES, x, i)).intoArray(got, i);
        }
        int worst = 0;
        for (int i = 0; i < n; i++) {
            float expected = (float) Math.exp(x[i]);
            assertThat(VectorExp.exp(x[i])).as("scalar twin of lane %d, x = %s", i, x[i]).isEqualTo(got[i]);
            int u = ulps(got[i], expected);
            if (u > 2) {
                assertThat(got[i]).as("exp(%s)", x[i]).isEqualTo(expected);
            }
            worst = Math.max(worst, u);
        }
        System.out.printf("exp [%d] random floats: worst %d ulp from Math.exp%n", n, worst);
        assertThat(worst).isLessThanOrEqualTo(2);
    }

    @Test
    void nanStaysNan() {
        float[] x = new float[L];
        java.util.Arrays.fill(x, Float.NaN);
        float[] got = new float[L];
        VectorExp.exp(FloatVector.fromArray(VectorExp.SPECIES, x, 0)).intoArray(got, 0);
        assertThat(got[0]).isNaN();
        assertThat(VectorExp.exp(Float.NaN)).isNaN();
    }
}
