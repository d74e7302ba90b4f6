// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Softmax of one contiguous row, {@code out_i = e^{x_i - max} / sum_j e^{x_j - max}}, a vector at a time: the
 * fast path of {@link Formulas#softmaxRow} (which it is tested against). Each exponential is computed once by
 * {@link VectorExp}, stored, summed in float per lane (the lanes then in double), and scaled by the reciprocal
 * of the sum: within a few ulp of the double-precision formula. The arithmetic depends only on the row, never
 * on the thread that runs it.
 */
final class SoftmaxKernel {
    private static final VectorSpecies<Float> SPECIES = VectorExp.SPECIES;
    private static final int L = SPECIES.length();

    private SoftmaxKernel() {
    }

    /** Softmax of {@code x[p .. p+n)} into {@code out[q .. q+n)}. */
    static void row(float[] x, int p, float[] out, int q, int n) {
        int vectors = n / L * L;
        FloatVector vmax = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (; i < vectors; i += L) {
            vmax = vmax.max(FloatVector.fromArray(SPECIES, x, p + i));
        }
        float max = vmax.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            max = Math.max(max, x[p + i]);
        }
        if (max == Float.NEGATIVE_INFINITY) {
            max = 0; // a fully masked line: exp(-inf) terms are 0, the result is NaN as in PyTorch
        }
        FloatVector vsum = FloatVector.zero(SPECIES);
        for (i = 0; i < vectors; i += L) {
            FloatVector e = VectorExp.exp(FloatVector.fromArray(SPECIES, x, p + i).sub(max));
            e.intoArray(out, q + i);
            vsum = vsum.add(e);
        }
        double sum = 0;
        for (int lane = 0; lane < L; lane++) {
            sum += vsum.lane(lane);
        }
        for (; i < n; i++) {
            float e = VectorExp.exp(x[p + i] - max);
            out[q + i] = e;
            sum += e;
        }
        float inv = (float) (1 / sum);
        for (i = 0; i < vectors; i += L) {
            FloatVector.fromArray(SPECIES, out, q + i).mul(inv).intoArray(out, q + i);
        }
        for (; i < n; i++) {
            out[q + i] *= inv;
        }
    }
}
