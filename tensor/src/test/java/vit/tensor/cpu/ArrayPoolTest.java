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
        for (int i = 0; i < 8; i++) {
            float[] junk = new float[n];
            Arrays.fill(junk, Float.NaN);
            ArrayPool.give(junk);
        }
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
