// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

/**
 * Layer norm of one contiguous row: the fast path of {@link Formulas#layerNormRow}, the same formula in double,
 * with each of the two sums split over four accumulators. A single running sum waits for the previous addition
 * at every element; four independent ones keep the adder busy. The order of the additions changes, so a result
 * can differ from the plain loop's in its last bit, rarely ({@code LayerNormKernelTest}).
 */
final class LayerNormKernel {
    private LayerNormKernel() {
    }

    static void row(float[] x, int p, int n, float eps, float[] w, int wo, float[] b, int bo, float[] out, int q,
                    float[] mean, int mi, float[] rstd, int ri) {
        double mu = SumKernel.rowSum(x, p, n) / n;
        double v0 = 0;
        double v1 = 0;
        double v2 = 0;
        double v3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double d0 = x[p + i] - mu;
            double d1 = x[p + i + 1] - mu;
            double d2 = x[p + i + 2] - mu;
            double d3 = x[p + i + 3] - mu;
            v0 += d0 * d0;
            v1 += d1 * d1;
            v2 += d2 * d2;
            v3 += d3 * d3;
        }
        for (; i < n; i++) {
            double d = x[p + i] - mu;
            v0 += d * d;
        }
        double rs = 1.0 / Math.sqrt(((v0 + v1) + (v2 + v3)) / n + eps);
        for (i = 0; i < n; i++) {
            out[q + i] = (float) ((x[p + i] - mu) * rs * w[wo + i] + b[bo + i]);
        }
        mean[mi] = (float) mu;
        rstd[ri] = (float) rs;
    }
}
