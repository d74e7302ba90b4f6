// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

/** {@link VectorExp} against {@link Math#exp} over its domain, and its scalar twin against its lanes. */
class VectorExpTest {
    private static final int L = VectorExp.SPECIES.length();

    @Test
    void vectorAndScalarExpMatchMathExpToOneInTenTrillion() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 1 << 20;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 4 == 0 ? random.nextDouble(-708, 709) : random.nextDouble(-30, 0); // softmax lives in x <= 0
        }
        double[] specials = {0, -0.0, 1, -1, 709, -708, Math.log(2), -Math.log(2) / 2, 1e-300, -1e-17};
        System.arraycopy(specials, 0, x, 0, specials.length);
        double[] got = new double[n];
        for (int i = 0; i < n; i += L) {
            VectorExp.exp(DoubleVector.fromArray(VectorExp.SPECIES, x, i)).intoArray(got, i);
        }
        double worst = 0;
        for (int i = 0; i < n; i++) {
            assertThat(VectorExp.exp(x[i])).as("scalar twin of lane %d, x = %s", i, x[i]).isEqualTo(got[i]);
            double expected = Math.exp(x[i]);
            worst = Math.max(worst, Math.abs(got[i] - expected) / expected);
        }
        System.out.printf("exp [%d] random doubles in [-708, 709]: worst relative error %.2e from Math.exp%n", n, worst);
        assertThat(worst).isLessThan(1e-13);
    }

    @Test
    void belowTheDomainIsZeroAndNanStaysNan() {
        double[] x = new double[L];
        java.util.Arrays.fill(x, Double.NaN);
        x[0] = Double.NEGATIVE_INFINITY;
        if (L > 2) {
            x[2] = -708.5;
        }
        double[] got = new double[L];
        VectorExp.exp(DoubleVector.fromArray(VectorExp.SPECIES, x, 0)).intoArray(got, 0);
        assertThat(got[0]).isZero();
        assertThat(got[1]).isNaN();
        assertThat(VectorExp.exp(Double.NaN)).isNaN();
        assertThat(VectorExp.exp(Double.NEGATIVE_INFINITY)).isZero();
        assertThat(VectorExp.exp(-708.5)).isZero();
    }
}
