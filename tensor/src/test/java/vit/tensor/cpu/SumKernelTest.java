// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/** {@link SumKernel}'s sums and means over trailing and leading dims of a {@code [a, b, c]} tensor against float64 loops. */
class SumKernelTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 17, 65, 301})
    void trailingAndLeadingSumsMatchADoubleLoop(int c) {
        int a = 7;
        int b = 13;
        Tensor x = Tensor.randn(Shape.of(a, b, c), new Generator(c));
        float[] v = x.toFloatArray();
        double[] last = new double[a * b];
        double[] lastTwo = new double[a];
        double[] first = new double[b * c];
        double[] firstTwo = new double[c];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                for (int k = 0; k < c; k++) {
                    double e = v[(i * b + j) * c + k];
                    last[i * b + j] += e;
                    lastTwo[i] += e;
                    first[j * c + k] += e;
                    firstTwo[k] += e;
                }
            }
        }
        close(x.sum(new int[] {2}, false), last, 1);
        close(x.mean(new int[] {2}, true), last, c);
        close(x.sum(new int[] {1, 2}, false), lastTwo, 1);
        close(x.sum(new int[] {0}, false), first, 1);
        close(x.mean(new int[] {0}, false), first, a);
        close(x.sum(new int[] {0, 1}, true), firstTwo, 1);
        System.out.println("sum and mean of " + x.shape() + " over [2], [1, 2], [0], [0, 1]: within 1e-6 of float64 loops");
    }

    private static void close(Tensor got, double[] sums, int count) {
        float[] g = got.toFloatArray();
        assertThat(g).hasSize(sums.length);
        for (int i = 0; i < g.length; i++) {
            double expected = sums[i] / count;
            assertThat((double) g[i]).as("%s element %d", got.shape(), i).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6 * (1 + Math.abs(expected))));
        }
    }
}
