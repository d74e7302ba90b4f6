// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

/**
 * Softmax of one contiguous row, {@code out_i = e^{x_i - max} / sum_j e^{x_j - max}}: the fast path of
 * {@link Formulas#softmaxRow}, with the same arithmetic in the same order (so the same bits), but each
 * exponential computed once and kept in a per-thread buffer instead of computed again for the output.
 * {@code SoftmaxKernelTest} compares the two.
 */
final class SoftmaxKernel {
    private static final ThreadLocal<double[]> BUFFER = ThreadLocal.withInitial(() -> new double[0]);

    private SoftmaxKernel() {
    }

    /** Softmax of {@code x[p .. p+n)} into {@code out[q .. q+n)}. */
    static void row(float[] x, int p, float[] out, int q, int n) {
        double[] e = buffer(n);
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[p + i]);
        }
        if (max == Float.NEGATIVE_INFINITY) {
            max = 0; // a fully masked line: exp(-inf) terms are 0, the result is NaN as in PyTorch
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            e[i] = Math.exp((double) x[p + i] - max);
            sum += e[i];
        }
        double inv = 1 / sum;
        for (int i = 0; i < n; i++) {
            out[q + i] = (float) (e[i] * inv);
        }
    }

    private static double[] buffer(int n) {
        double[] b = BUFFER.get();
        if (b.length < n) {
            b = new double[n];
            BUFFER.set(b);
        }
        return b;
    }
}
