// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Softmax of one contiguous row, {@code out_i = e^{x_i - max} / sum_j e^{x_j - max}}, a vector at a time: the
 * fast path of {@link Formulas#softmaxRow}, with the same arithmetic in double ({@code x_i - max} exact, the sum
 * and the final product in double, rounded once to float) but each exponential computed once, by
 * {@link VectorExp}, and kept in a per-thread buffer. Its results equal the plain loop's but for a rare last-bit
 * difference ({@code SoftmaxKernelTest}). The arithmetic depends only on the row, never on the thread.
 */
final class SoftmaxKernel {
    private static final VectorSpecies<Double> D = VectorExp.SPECIES;
    /** Floats of the same lane count as {@link #D}, loaded and widened to doubles. */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final int L = D.length();
    private static final ThreadLocal<double[]> BUFFER = ThreadLocal.withInitial(() -> new double[0]);

    private SoftmaxKernel() {
    }

    /** Softmax of {@code x[p .. p+n)} into {@code out[q .. q+n)}. */
    static void row(float[] x, int p, float[] out, int q, int n) {
        double[] e = buffer(n);
        int vectors = n / L * L;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[p + i]);
        }
        if (max == Float.NEGATIVE_INFINITY) {
            max = 0; // a fully masked line: exp(-inf) terms are 0, the result is NaN as in PyTorch
        }
        DoubleVector vsum = DoubleVector.zero(D);
        int i = 0;
        for (; i < vectors; i += L) {
            DoubleVector v = VectorExp.exp(widen(x, p + i).sub(max));
            v.intoArray(e, i);
            vsum = vsum.add(v);
        }
        double sum = vsum.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            e[i] = VectorExp.exp((double) x[p + i] - max);
            sum += e[i];
        }
        double inv = 1 / sum;
        for (i = 0; i < vectors; i += L) {
            ((FloatVector) DoubleVector.fromArray(D, e, i).mul(inv).convertShape(VectorOperators.D2F, F, 0)).intoArray(out, q + i);
        }
        for (; i < n; i++) {
            out[q + i] = (float) (e[i] * inv);
        }
    }

    private static DoubleVector widen(float[] x, int i) {
        return (DoubleVector) FloatVector.fromArray(F, x, i).convertShape(VectorOperators.F2D, D, 0);
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
