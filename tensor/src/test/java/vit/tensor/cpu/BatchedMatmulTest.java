// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * Batches of small products (attention's scores and mixing) run one product per thread: the same bits on 1, 2 and
 * 3 threads, and the right numbers (a float64 loop written here). Odd sizes, a transposed operand.
 */
class BatchedMatmulTest {
    @Test
    void smallProductsPerThreadGiveTheSameBitsOnAnyThreadCount() throws Exception {
        Generator g = new Generator(11);
        int batch = 3;
        int heads = 5;
        int n = 45;
        int d = 33; // 45 * 45 * 33 multiply-adds: above Gemm.SMALL, the blocked kernel
        Tensor q = Tensor.randn(Shape.of(batch, heads, n, d), g);
        Tensor k = Tensor.randn(Shape.of(batch, n, heads, d), g).permute(0, 2, 3, 1); // [b, h, d, n], strided
        float[] one = null;
        for (int threads = 1; threads <= 3; threads++) {
            try (var t = Parallel.withThreads(threads); var off = GradMode.disabled()) {
                float[] scores = q.matmul(k).toFloatArray();
                if (one == null) {
                    one = scores;
                }
                assertThat(scores).as("%d threads", threads).isEqualTo(one);
            }
        }
        float[] qs = q.toFloatArray();
        float[] ks = k.contiguous().toFloatArray();
        for (int b = 0; b < batch * heads; b++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    double magnitude = 0;
                    for (int p = 0; p < d; p++) {
                        double x = (double) qs[(b * n + i) * d + p] * ks[(b * d + p) * n + j];
                        sum += x;
                        magnitude += Math.abs(x);
                    }
                    assertThat(Math.abs(one[(b * n + i) * n + j] - sum)).isLessThanOrEqualTo(1e-6 * magnitude);
                }
            }
        }
        System.out.printf("matmul [%d, %d, %d, %d] @ [%d, %d, %d, %d]: same bits on 1 to 3 threads%n", batch, heads, n, d, batch, heads, d, n);
    }
}
