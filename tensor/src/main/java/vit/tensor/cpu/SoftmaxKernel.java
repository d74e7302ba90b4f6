// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Softmax of one contiguous row, {@code out_i = e^{x_i - max} / sum_j e^{x_j - max}}: the fast path of
 * {@link Formulas#softmaxRow}, in double as there, with the exponentials computed once, {@link #D} lanes at a time
 * by the Vector API's {@code EXP} (within 1 ulp of {@link Math#exp} in double; a scalar {@code Math.exp} per element
 * took a third of a ViT-B/16 attention's time), kept in a per-thread buffer for the output, and summed in {@link #D}
 * running sums; the conversions between float and double are vector ones too (docs/PERFORMANCE.md, 8fb7c5f and
 * 4711813, has what each bought). So a result may differ from the plain loop's in the last bit of a double,
 * which after rounding to float almost never shows: {@code SoftmaxKernelTest} allows 1 float ulp and counts.
 */
final class SoftmaxKernel {
    private static final VectorSpecies<Double> D = DoubleLanes.SPECIES;
    private static final ThreadLocal<double[]> BUFFER = ThreadLocal.withInitial(() -> new double[0]);

    private SoftmaxKernel() {
    }

    /** Softmax of {@code x[p .. p+n)} into {@code out[q .. q+n)}. */
    static void row(float[] x, int p, float[] out, int q, int n) {
        int padded = (n + D.length() - 1) / D.length() * D.length();
        double[] e = DoubleLanes.buffer(BUFFER, padded);
        int floats = n - n % GemmKernel.L;
        FloatVector maxes = FloatVector.broadcast(GemmKernel.SPECIES, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < floats; i += GemmKernel.L) {
            // the new vector is the receiver, not the running one (whose class C2 is unsure of): see GeluKernel.lanes
            maxes = FloatVector.fromArray(GemmKernel.SPECIES, x, p + i).max(maxes);
        }
        float max = maxes.reduceLanes(VectorOperators.MAX);
        for (int i = floats; i < n; i++) {
            max = Math.max(max, x[p + i]);
        }
        if (max == Float.NEGATIVE_INFINITY) {
            max = 0; // a fully masked line: exp(-inf) terms are 0, the result is NaN as in PyTorch
        }
        // x - max in double: two vectors of doubles per vector of floats, the rest one by one (all of it where vector
        // conversions are slow, DoubleLanes.VECTOR_CONVERSIONS).
        if (!DoubleLanes.VECTOR_CONVERSIONS) {
            floats = 0;
        }
        for (int i = 0; i < floats; i += GemmKernel.L) {
            FloatVector v = FloatVector.fromArray(GemmKernel.SPECIES, x, p + i);
            ((DoubleVector) v.convertShape(VectorOperators.F2D, D, 0)).sub(max).intoArray(e, i);
            ((DoubleVector) v.convertShape(VectorOperators.F2D, D, 1)).sub(max).intoArray(e, i + D.length());
        }
        for (int i = floats; i < n; i++) {
            e[i] = (double) x[p + i] - max;
        }
        java.util.Arrays.fill(e, n, padded, Double.NEGATIVE_INFINITY); // the last vector's spare lanes add e^-inf = 0
        DoubleVector sums = DoubleVector.zero(D);
        for (int i = 0; i < padded; i += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, e, i).lanewise(VectorOperators.EXP);
            v.intoArray(e, i);
            sums = v.add(sums);
        }
        double sum = sums.reduceLanes(VectorOperators.ADD);
        double inv = 1 / sum;
        for (int i = 0; i < floats; i += GemmKernel.L) {
            FloatVector low = (FloatVector) DoubleVector.fromArray(D, e, i).mul(inv).convertShape(VectorOperators.D2F, GemmKernel.SPECIES, 0);
            FloatVector high = (FloatVector) DoubleVector.fromArray(D, e, i + D.length()).mul(inv)
                .convertShape(VectorOperators.D2F, GemmKernel.SPECIES, -1);
            low.blend(high, DoubleLanes.UPPER).intoArray(out, q + i);
        }
        for (int i = floats; i < n; i++) {
            out[q + i] = (float) (e[i] * inv);
        }
    }
}
