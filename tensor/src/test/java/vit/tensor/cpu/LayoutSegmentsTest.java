// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * The elementwise kernels split their work by element count ({@link Layout#parallel}), so a task may start and end
 * in the middle of a row. Against a plain loop over indices written here, for contiguous, permuted, sliced and
 * broadcast operands big enough to be split, on 1 to 3 threads.
 */
class LayoutSegmentsTest {
    /** {@code t[i][j][k]} read through the strides, the independent control. */
    private static float at(Tensor t, int i, int j, int k) {
        int[] s = t.strides();
        return CpuBackend.data(t)[t.offset() + i * s[0] + j * s[1] + k * s[2]];
    }

    @Test
    void elementwiseKernelsCoverEveryElementOnce() throws Exception {
        Generator g = new Generator(5);
        int d0 = 37;
        int d1 = 29;
        int d2 = 53; // 56,869 elements: several tasks, none aligned with a row
        Tensor contiguous = Tensor.randn(Shape.of(d0, d1, d2), g);
        Tensor permuted = Tensor.randn(Shape.of(d2, d0, d1), g).permute(1, 2, 0);
        Tensor sliced = Tensor.randn(Shape.of(d0, d1 + 3, d2 + 2), g).slice(1, 2, d1 + 2).slice(2, 1, d2 + 1);
        Tensor broadcast = Tensor.randn(Shape.of(d2), g).expand(d0, d1, d2);
        Tensor[] inputs = {contiguous, permuted, sliced, broadcast};
        for (int threads = 1; threads <= 3; threads++) {
            try (var scope = Parallel.withThreads(threads)) {
                for (Tensor a : inputs) {
                    for (Tensor b : inputs) {
                        Tensor sum = a.add(b);
                        Tensor copy = Tensor.zeros(a.shape());
                        CpuBackend.instance().copy(a, copy.permute(0, 1, 2));
                        Tensor scaled = a.div(3f);
                        Tensor gelu = a.gelu();
                        for (int i = 0; i < d0; i++) {
                            for (int j = 0; j < d1; j++) {
                                for (int k = 0; k < d2; k++) {
                                    float x = at(a, i, j, k);
                                    assertThat(at(sum, i, j, k)).isEqualTo(x + at(b, i, j, k));
                                    assertThat(at(copy, i, j, k)).isEqualTo(x);
                                    assertThat(at(scaled, i, j, k)).isEqualTo(x / 3f);
                                    assertThat(at(gelu, i, j, k)).isEqualTo(GeluKernel.geluAsLooped(x));
                                }
                            }
                        }
                    }
                }
            }
            System.out.printf("add, copy, div, gelu over [%d, %d, %d] views on %d thread(s): every element right%n", d0, d1, d2, threads);
        }
    }
}
