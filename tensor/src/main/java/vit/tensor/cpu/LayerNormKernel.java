// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Layer norm of one contiguous row: the fast path of {@link Formulas#layerNormRow}, the same formula in double, in
 * vectors of doubles: the row is converted once into a per-thread buffer ({@link #D} lanes at a time, two per
 * vector of floats), its sum and the sum of squared deviations are kept in {@link #D} running sums each, and the
 * output {@code (x - mu) rstd w + b} is computed lane by lane with the same operations as the plain loop. The order
 * of the additions changes, so a result can differ from the plain loop's in its last bit, rarely
 * ({@code LayerNormKernelTest}). The scalar loops it replaced took about 2 ns per element.
 */
final class LayerNormKernel {
    private static final VectorSpecies<Float> F = GemmKernel.SPECIES;
    private static final VectorSpecies<Double> D = DoubleLanes.SPECIES;
    private static final ThreadLocal<double[]> BUFFER = ThreadLocal.withInitial(() -> new double[0]);

    private LayerNormKernel() {
    }

    static void row(float[] x, int p, int n, float eps, float[] w, int wo, float[] b, int bo, float[] out, int q,
                    float[] mean, int mi, float[] rstd, int ri) {
        double[] d = DoubleLanes.buffer(BUFFER, n);
        int floats = n - n % F.length();
        DoubleVector sums = DoubleVector.zero(D);
        if (DoubleLanes.VECTOR_CONVERSIONS) {
            for (int i = 0; i < floats; i += F.length()) {
                FloatVector v = FloatVector.fromArray(F, x, p + i);
                DoubleVector low = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
                DoubleVector high = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
                low.intoArray(d, i);
                high.intoArray(d, i + D.length());
                sums = sums.add(low).add(high);
            }
        } else {
            // The same sums in the same order, the row converted one element at a time first.
            for (int i = 0; i < floats; i++) {
                d[i] = x[p + i];
            }
            for (int i = 0; i < floats; i += D.length()) {
                // the new vector is the receiver, not the running one (whose class C2 is unsure of): see GeluKernel.lanes
                sums = DoubleVector.fromArray(D, d, i).add(sums);
            }
        }
        double sum = sums.reduceLanes(VectorOperators.ADD);
        for (int i = floats; i < n; i++) {
            d[i] = x[p + i];
            sum += d[i];
        }
        double mu = sum / n;
        int doubles = n - n % D.length();
        DoubleVector squares = DoubleVector.zero(D);
        for (int i = 0; i < doubles; i += D.length()) {
            DoubleVector dev = DoubleVector.fromArray(D, d, i).sub(mu);
            squares = dev.fma(dev, squares);
        }
        double var = squares.reduceLanes(VectorOperators.ADD);
        for (int i = doubles; i < n; i++) {
            double dev = d[i] - mu;
            var += dev * dev;
        }
        double rs = 1.0 / Math.sqrt(var / n + eps);
        if (!DoubleLanes.VECTOR_CONVERSIONS) {
            floats = 0;                      // the plain loop below does the whole row: the same operations
        }
        for (int i = 0; i < floats; i += F.length()) {
            FloatVector wv = FloatVector.fromArray(F, w, wo + i);
            FloatVector bv = FloatVector.fromArray(F, b, bo + i);
            // Cast, not reinterpretAsFloats(): a conversion's result is of unsure class to C2, so a call on it is inlined
            // behind a class check, which can become a virtual call (see GeluKernel.lanes); the cast is the same vector.
            FloatVector low = (FloatVector) normalised(d, i, mu, rs, wv, bv, 0).convertShape(VectorOperators.D2F, F, 0);
            FloatVector high = (FloatVector) normalised(d, i + D.length(), mu, rs, wv, bv, 1).convertShape(VectorOperators.D2F, F, -1);
            low.blend(high, DoubleLanes.UPPER).intoArray(out, q + i);
        }
        for (int i = floats; i < n; i++) {
            out[q + i] = (float) ((d[i] - mu) * rs * w[wo + i] + b[bo + i]);
        }
        mean[mi] = (float) mu;
        rstd[ri] = (float) rs;
    }

    /** {@code (x - mu) rs w + b} in double for the {@link #D} elements at {@code d[i ..]}, w and b from half {@code part} of a float vector. */
    private static DoubleVector normalised(double[] d, int i, double mu, double rs, FloatVector w, FloatVector b, int part) {
        DoubleVector wd = (DoubleVector) w.convertShape(VectorOperators.F2D, D, part);
        DoubleVector bd = (DoubleVector) b.convertShape(VectorOperators.F2D, D, part);
        return DoubleVector.fromArray(D, d, i).sub(mu).mul(rs).mul(wd).add(bd);
    }
}
