// SPDX-License-Identifier: MIT
package vit.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/**
 * GELU (exact and tanh), erf and the two GELU derivatives to float32 precision everywhere, tails included:
 * the error in units in the last place of the float32 result over a dense grid of [-14, 14] (below -14 GELU
 * underflows float32). The exact references come from {@link Reference#phi}, summed in 130-digit decimals.
 */
class GeluAccuracyTest {
    private static final int N = 701;
    private static final float[] XS = new float[N];
    /** Phi(x) on the grid, computed once: the decimal series is the slow part of the suite. */
    private static final double[] PHI = new double[N];

    static {
        for (int i = 0; i < N; i++) {
            XS[i] = -14f + 28f * i / (N - 1) + 3e-4f;
            PHI[i] = Reference.phi(XS[i]);
        }
    }

    private static double ulps(float actual, double expected) {
        return Math.abs(actual - expected) / Math.ulp((float) expected);
    }

    @Test
    void referenceErfMatchesTabulatedValues() {
        assertThat(Reference.erf(0.5)).isCloseTo(0.5204998778130465, Offset.offset(1e-15));
        assertThat(Reference.erf(1.0)).isCloseTo(0.8427007929497149, Offset.offset(1e-15));
        assertThat(Reference.erf(2.0)).isCloseTo(0.9953222650189527, Offset.offset(1e-15));
        // erfc(3) = 2.209049699858544e-5, erfc(5) = 1.537459794428035e-12, through Phi(-x sqrt 2) = erfc(x) / 2
        assertThat(Reference.phi(-3 * Math.sqrt(2)) * 2).isCloseTo(2.209049699858544e-5, Percentage.withPercentage(1e-9));
        assertThat(Reference.phi(-5 * Math.sqrt(2)) * 2).isCloseTo(1.537459794428035e-12, Percentage.withPercentage(1e-9));
    }

    @Test
    void geluAndGeluTanhAreExactToHalfAnUlp() {
        Tensor x = Tensor.of(XS, N);
        float[] g = x.gelu().toFloatArray();
        float[] t = x.geluTanh().toFloatArray();
        double worstGelu = 0;
        double worstTanh = 0;
        for (int i = 0; i < N; i++) {
            worstGelu = Math.max(worstGelu, ulps(g[i], XS[i] * PHI[i]));
            worstTanh = Math.max(worstTanh, ulps(t[i], Reference.geluTanh(XS[i])));
        }
        System.out.printf("gelu %s max error %.3f ulp, geluTanh %.3f ulp%n", x.shape(), worstGelu, worstTanh);
        assertThat(worstGelu).as("gelu error in float32 ulps").isLessThanOrEqualTo(1.0);
        assertThat(worstTanh).as("geluTanh error in float32 ulps").isLessThanOrEqualTo(1.0);
    }

    @Test
    void erfIsExactToHalfAnUlp() {
        int n = 401;
        float[] xs = new float[n];
        for (int i = 0; i < n; i++) {
            xs[i] = -5f + 10f * i / (n - 1) + 1e-4f;
        }
        Tensor x = Tensor.of(xs, n);
        float[] e = x.erf().toFloatArray();
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, ulps(e[i], Reference.erf(xs[i])));
        }
        System.out.printf("erf %s max error %.3f ulp%n", x.shape(), worst);
        assertThat(worst).as("erf error in float32 ulps").isLessThanOrEqualTo(1.0);
    }

    /** The derivative kernels behind gelu's and geluTanh's backward. */
    @Test
    void geluDerivativesAreExactToHalfAnUlp() {
        Tensor x = Tensor.of(XS, N).requiresGrad(true);
        x.gelu().sum().backward();
        float[] dGelu = x.grad().toFloatArray();
        x.zeroGrad();
        x.geluTanh().sum().backward();
        float[] dTanh = x.grad().toFloatArray();
        double worstGelu = 0;
        double worstTanh = 0;
        for (int i = 0; i < N; i++) {
            double v = XS[i];
            double exact = PHI[i] + v * Math.exp(-v * v / 2) / Math.sqrt(2 * Math.PI);
            // d/dx x e^u / (e^u + e^-u) = e^u / (e^u + e^-u) + x u' 2 / (e^u + e^-u)^2
            double u = Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v);
            double du = Math.sqrt(2 / Math.PI) * (1 + 3 * 0.044715 * v * v);
            double cosh2 = Math.exp(u) + Math.exp(-u);
            double tanhExact = Math.exp(u) / cosh2 + v * du * 2 / (cosh2 * cosh2);
            worstGelu = Math.max(worstGelu, ulps(dGelu[i], exact));
            worstTanh = Math.max(worstTanh, ulps(dTanh[i], tanhExact));
        }
        System.out.printf("gelu' %s max error %.3f ulp, geluTanh' %.3f ulp%n", x.shape(), worstGelu, worstTanh);
        assertThat(worstGelu).as("gelu' error in float32 ulps").isLessThanOrEqualTo(1.0);
        assertThat(worstTanh).as("geluTanh' error in float32 ulps").isLessThanOrEqualTo(1.0);
    }
}
