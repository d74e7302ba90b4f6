// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/** {@link ArrayPool}: what a released tensor's array may and may not become. */
class ArrayPoolTest {
    private static final int N = ArrayPool.MIN_LENGTH + 17;

    /** An array of {@code length} floats taken from the pool, filled with {@code v} and given back. */
    private static float[] released(int length, float v) {
        float[] a = ArrayPool.take(length);
        Arrays.fill(a, v);
        ArrayPool.give(a);
        return a;
    }

    /** Puts {@code count} arrays of {@code length} NaNs in the pool, so that an element a kernel leaves unwritten shows. */
    private static void giveNaNArrays(int count, int length) {
        for (int i = 0; i < count; i++) {
            float[] junk = new float[length];
            Arrays.fill(junk, Float.NaN);
            ArrayPool.give(junk);
        }
    }

    @Test
    void aReleasedArrayComesBackZeroed() {
        float[] a = released(N, 7f);
        assertThat(ArrayPool.take(N)).as("the array given back").isSameAs(a).containsOnly(0f);
    }

    @Test
    void anUninitializedTakeHandsTheArrayBackAsItWasLeft() {
        int length = N + 5; // a length no other test pools, so that the pool has exactly one
        float[] a = released(length, 7f);
        assertThat(ArrayPool.takeUninitialized(length)).isSameAs(a).containsOnly(7f);
        assertThat(ArrayPool.takeUninitialized(length)).as("a new one when the pool has none").isNotSameAs(a).containsOnly(0f);
    }

    /**
     * The results that skip the zeroing ({@link CpuBackend#allocateUninitialized}) land in arrays full of NaN here, so an
     * element a kernel failed to write would show; each is checked against a plain loop.
     */
    @Test
    void resultsInLeftOverArraysAreWrittenInFull() {
        int rows = 64;
        int cols = N / rows + 1; // rows x cols >= MIN_LENGTH, an odd row length
        int n = rows * cols;
        float[] xs = new float[n];
        for (int i = 0; i < n; i++) {
            xs[i] = (i % 13) * 0.25f - 1.5f;
        }
        Tensor x = Tensor.of(xs, rows, cols);
        float[] ws = new float[cols * cols];
        for (int i = 0; i < ws.length; i++) {
            ws[i] = (i % 7) * 0.125f - 0.375f;
        }
        Tensor w = Tensor.of(ws, cols, cols);
        giveNaNArrays(8, n);
        long pooled = ArrayPool.pooledFloats();
        Tensor[] results = {x.add(x), x.mul(3f), x.exp(), x.mT().contiguous(), x.softmax(1), x.matmul(w)};
        assertThat(ArrayPool.pooledFloats()).as("floats pooled once the six results are made").isLessThanOrEqualTo(pooled - 6L * n);
        float[] sum = results[0].toFloatArray();
        float[] scaled = results[1].toFloatArray();
        float[] exp = results[2].toFloatArray();
        float[] copied = results[3].toFloatArray();
        float[] soft = results[4].toFloatArray();
        float[] prod = results[5].toFloatArray();
        for (int i = 0; i < rows; i++) {
            double rowSum = 0;
            for (int j = 0; j < cols; j++) {
                rowSum += Math.exp(xs[i * cols + j]);
            }
            for (int j = 0; j < cols; j++) {
                int at = i * cols + j;
                assertThat(sum[at]).isEqualTo(2 * xs[at]);
                assertThat(scaled[at]).isEqualTo(3 * xs[at]);
                assertThat((double) exp[at]).isCloseTo(Math.exp(xs[at]), org.assertj.core.data.Percentage.withPercentage(1e-4));
                assertThat(copied[j * rows + i]).isEqualTo(xs[at]);
                assertThat((double) soft[at]).isCloseTo(Math.exp(xs[at]) / rowSum, org.assertj.core.data.Offset.offset(1e-6));
                double dot = 0;
                for (int p = 0; p < cols; p++) {
                    dot += (double) xs[i * cols + p] * ws[p * cols + j];
                }
                assertThat((double) prod[at]).as("product at (%d, %d)", i, j).isCloseTo(dot, org.assertj.core.data.Offset.offset(1e-3));
            }
        }
    }

    /**
     * The same for the gradients that skip the zeroing: GELU's, softmax's and layer norm's (and its scratch), each
     * against plain double loops, with the pool full of NaN arrays of their length.
     */
    @Test
    void gradientsInLeftOverArraysAreWrittenInFull() {
        int rows = 64;
        int cols = N / rows + 3;
        int n = rows * cols;
        float[] xs = new float[n];
        float[] cs = new float[n];
        for (int i = 0; i < n; i++) {
            xs[i] = (i % 11) * 0.3f - 1.6f;
            cs[i] = (i % 5) * 0.5f - 1f;
        }
        float[] ws = new float[cols];
        for (int j = 0; j < cols; j++) {
            ws[j] = 1 + (j % 3) * 0.25f;
        }
        giveNaNArrays(12, n);
        Tensor c = Tensor.of(cs, rows, cols);
        Tensor xg = Tensor.of(xs, rows, cols).requiresGrad(true);
        xg.gelu().mul(c).sum().backward();
        Tensor xs2 = Tensor.of(xs, rows, cols).requiresGrad(true);
        xs2.softmax(1).mul(c).sum().backward();
        Tensor xl = Tensor.of(xs, rows, cols).requiresGrad(true);
        Tensor w = Tensor.of(ws, cols).requiresGrad(true);
        Tensor b = Tensor.zeros(cols).requiresGrad(true);
        vit.tensor.Functional.layerNorm(xl, w, b, 1e-5f).mul(c).sum().backward();
        float[] gGelu = xg.grad().toFloatArray();
        float[] gSoft = xs2.grad().toFloatArray();
        float[] gNorm = xl.grad().toFloatArray();
        float[] gw = w.grad().toFloatArray();
        double[] gwWant = new double[cols];
        for (int i = 0; i < rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            double mean = 0;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, xs[i * cols + j]);
                mean += xs[i * cols + j];
            }
            mean /= cols;
            double z = 0;
            double var = 0;
            for (int j = 0; j < cols; j++) {
                z += Math.exp(xs[i * cols + j] - max);
                var += (xs[i * cols + j] - mean) * (xs[i * cols + j] - mean);
            }
            double rstd = 1 / Math.sqrt(var / cols + 1e-5);
            double cy = 0;
            double gMean = 0;
            double gxhatMean = 0;
            for (int j = 0; j < cols; j++) {
                int at = i * cols + j;
                double xhat = (xs[at] - mean) * rstd;
                cy += cs[at] * Math.exp(xs[at] - max) / z;
                gMean += cs[at] * ws[j] / cols;
                gxhatMean += cs[at] * ws[j] * xhat / cols;
                gwWant[j] += cs[at] * xhat;
            }
            for (int j = 0; j < cols; j++) {
                int at = i * cols + j;
                double x = xs[at];
                double xhat = (x - mean) * rstd;
                // GELU' against a central difference of x Phi(x)
                double h = 1e-3;
                double slope = (gelu(x + h) - gelu(x - h)) / (2 * h);
                assertThat((double) gGelu[at]).as("GELU gradient at %d", at).isCloseTo(cs[at] * slope, org.assertj.core.data.Offset.offset(1e-4));
                double y = Math.exp(x - max) / z;
                assertThat((double) gSoft[at]).as("softmax gradient at %d", at).isCloseTo(y * (cs[at] - cy), org.assertj.core.data.Offset.offset(1e-6));
                double want = (cs[at] * ws[j] - gMean - xhat * gxhatMean) * rstd;
                assertThat((double) gNorm[at]).as("layer norm gradient at %d", at).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-4));
            }
        }
        for (int j = 0; j < cols; j++) {
            assertThat((double) gw[j]).as("layer norm weight gradient %d", j).isCloseTo(gwWant[j], org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    /** {@code x Phi(x)}, with {@code Phi(x)} as 1/2 plus the integral of phi from 0 to x by Simpson's rule. */
    private static double gelu(double x) {
        // Phi(x) = 1/2 + integral_0^x phi(t) dt; 2,000 Simpson steps are exact to 1e-12 for |x| < 4
        int steps = 2000;
        double h = x / steps;
        double sum = 0;
        for (int k = 0; k <= steps; k++) {
            double t = k * h;
            double f = Math.exp(-t * t / 2) / Math.sqrt(2 * Math.PI);
            sum += (k == 0 || k == steps ? 1 : k % 2 == 1 ? 4 : 2) * f;
        }
        return x * (0.5 + sum * h / 3);
    }

    @Test
    void smallArraysAndOtherLengthsAreNotReused() {
        float[] small = new float[ArrayPool.MIN_LENGTH - 1];
        ArrayPool.give(small);
        assertThat(ArrayPool.take(small.length)).isNotSameAs(small);
        float[] a = new float[N + 1];
        ArrayPool.give(a);
        assertThat(ArrayPool.take(N + 2)).isNotSameAs(a);
        assertThat(ArrayPool.take(N + 1)).isSameAs(a);
    }

    @Test
    void anArrayTheCallerHandedInStaysTheCallers() {
        float[] mine = new float[N];
        Arrays.fill(mine, 3f);
        new CpuStorage(mine).release(); // what upload() makes, released

        float[] next = ArrayPool.take(N);
        assertThat(next).isNotSameAs(mine);
        assertThat(mine).containsOnly(3f);
    }

    @Test
    void aClosedResultFeedsTheNextOneWithoutChangingItsNumbers() {
        Tensor x = Tensor.full(Shape.of(N), 2f);
        Tensor first = x.mul(x);
        assertThat(first.toFloatArray()).containsOnly(4f);
        long before = ArrayPool.pooledFloats();
        first.close();
        assertThat(ArrayPool.pooledFloats()).as("floats pooled after close").isEqualTo(before + N);
        Tensor zeros = Tensor.zeros(Shape.of(N));
        Tensor second = x.add(zeros);
        assertThat(second.toFloatArray()).containsOnly(2f);
    }
}
