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

    @Test
    void aReleasedArrayComesBackZeroed() {
        float[] a = ArrayPool.take(N);
        Arrays.fill(a, 7f);
        ArrayPool.give(a);
        float[] b = ArrayPool.take(N);
        assertThat(b).as("the array given back").isSameAs(a);
        for (float v : b) {
            assertThat(v).isZero();
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
