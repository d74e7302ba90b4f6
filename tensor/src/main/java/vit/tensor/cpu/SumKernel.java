// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import vit.tensor.Tensor;

/**
 * Sums and means of a contiguous tensor over a block of trailing dims (per-row statistics, softmax's backward) or
 * of leading dims (bias gradients: a {@code [batch, tokens, n]} gradient summed to {@code [n]}). The general
 * {@code reduce} walks an index odometer and switches on the op at every element; here a trailing sum is a
 * contiguous row read with four double accumulators, and a leading sum keeps one double per column in vector registers,
 * adding the rows in the general loop's order. Work is split over output elements only,
 * so the numbers do not depend on the thread count.
 */
final class SumKernel {
    private SumKernel() {
    }

    /** Sums (or means) {@code x} over the sorted {@code dims} into {@code out}; false, having done nothing, if no fast path fits. */
    static boolean reduce(boolean mean, Tensor x, int[] dims, Tensor out) {
        int r = x.rank();
        int k = dims.length;
        if (!x.isContiguous() || k == 0) {
            return false;
        }
        boolean trailing = true;
        boolean leading = true;
        for (int i = 0; i < k; i++) {
            trailing &= dims[i] == r - k + i;
            leading &= dims[i] == i;
        }
        long numel = x.numel();
        float[] a = CpuBackend.data(x);
        float[] o = CpuBackend.data(out);
        if (trailing) {
            long inner = 1;
            for (int i = r - k; i < r; i++) {
                inner *= x.size(i);
            }
            int n = Math.toIntExact(inner);
            int rows = Math.toIntExact(out.numel());
            rows(mean, a, x.offset(), n, rows, o, out.offset());
            return true;
        }
        if (leading) {
            long outer = 1;
            for (int i = 0; i < k; i++) {
                outer *= x.size(i);
            }
            int rows = Math.toIntExact(outer);
            int n = Math.toIntExact(numel / Math.max(1, outer));
            columns(mean, a, x.offset(), rows, n, o, out.offset());
            return true;
        }
        return false;
    }

    /**
     * {@code sum_i a[p + i]} for {@code i < n}, in double with four accumulators (elements {@code i mod 4})
     * added as {@code (s0 + s1) + (s2 + s3)}: the order every caller relies on for thread-independent bits.
     */
    static double rowSum(float[] a, int p, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[p + i];
            s1 += a[p + i + 1];
            s2 += a[p + i + 2];
            s3 += a[p + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[p + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code o[q + j] = sum_i a[p + j n + i]} (divided by {@code n} for a mean), {@code j < rows}. */
    static void rows(boolean mean, float[] a, int p, int n, int rows, float[] o, int q) {
        Parallel.range(rows, Math.max(1, CpuBackend.GRAIN / Math.max(1, n)), (from, to) -> {
            for (int j = from; j < to; j++) {
                double sum = rowSum(a, p + j * n, n);
                o[q + j] = (float) (mean ? sum / n : sum);
            }
        });
    }

    /** A float vector of {@link GemmKernel#SPECIES}, {@code L} columns, is summed as two of {@link DoubleLanes}. */
    private static final int LANES = GemmKernel.L;
    private static final int HALF = DoubleLanes.L;

    /**
     * {@code o[q + j] = sum_i a[p + i n + j]} (divided by {@code rows} for a mean), {@code j < n}, rows added in order
     * from 0. Chunks of columns are whole vectors where they can be; each is one running double sum per column,
     * the order of the scalar loop, so the same bits.
     */
    static void columns(boolean mean, float[] a, int p, int rows, int n, float[] o, int q) {
        int groups = (n + LANES - 1) / LANES;
        Parallel.range(groups, Math.max(1, CpuBackend.GRAIN / Math.max(1, rows * LANES)),
            (from, to) -> columns(mean, a, p, rows, n, o, q, from * LANES, Math.min(n, to * LANES)));
    }

    /** Columns {@code [j0, j1)} of {@link #columns}. */
    private static void columns(boolean mean, float[] a, int p, int rows, int n, float[] o, int q, int j0, int j1) {
        int j = j0;
        for (; j + LANES <= j1; j += LANES) {
            DoubleVector lo = DoubleVector.zero(DoubleLanes.SPECIES);
            DoubleVector hi = DoubleVector.zero(DoubleLanes.SPECIES);
            for (int i = 0, s = p + j; i < rows; i++, s += n) {
                FloatVector v = FloatVector.fromArray(GemmKernel.SPECIES, a, s);
                lo = lo.add((DoubleVector) v.convert(VectorOperators.F2D, 0));
                hi = hi.add((DoubleVector) v.convert(VectorOperators.F2D, 1));
            }
            for (int l = 0; l < HALF; l++) {
                double v = lo.lane(l);
                double w = hi.lane(l);
                o[q + j + l] = (float) (mean ? v / rows : v);
                o[q + j + HALF + l] = (float) (mean ? w / rows : w);
            }
        }
        for (; j < j1; j++) {
            double sum = 0;
            for (int i = 0, s = p + j; i < rows; i++, s += n) {
                sum += a[s];
            }
            o[q + j] = (float) (mean ? sum / rows : sum);
        }
    }
}
