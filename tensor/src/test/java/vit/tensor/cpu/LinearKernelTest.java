// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vit.tensor.Functional;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.UnaryOp;

/**
 * The one-pass {@link CpuBackend#linear} (used by {@link Functional#linear} when nothing is recorded) against the
 * plain composition {@code x.matmul(w.mT()).add(bias)}: bit-identical when both take the same GEMM path, since both
 * run the same multiply-add chains and add the bias in float afterwards; and against a float64 loop written here.
 * Odd sizes, strided inputs, 1 to 3 threads.
 */
class LinearKernelTest {
    @ParameterizedTest
    @CsvSource({"1, 1, 1, 1", "3, 17, 33, 65", "2, 197, 67, 91", "5, 7, 300, 5", "2, 5, 300, 7", "1, 61, 129, 257"})
    void fusedLinearEqualsMatmulPlusBias(int batch, int m, int k, int n) throws Exception {
        Generator g = new Generator(batch * 1000 + m);
        Tensor x = Tensor.randn(Shape.of(batch, m, k), g);
        Tensor xPermuted = Tensor.randn(Shape.of(m, batch, k), g).permute(1, 0, 2);   // rows do not merge
        Tensor xTransposed = Tensor.randn(Shape.of(batch, k, m), g).transpose(1, 2); // column-major rows
        Tensor w = Tensor.randn(Shape.of(n, k), g);
        Tensor wT = Tensor.randn(Shape.of(k, n), g).mT();                              // a transposed weight
        Tensor bias = Tensor.randn(Shape.of(n), g);
        Tensor strided = Tensor.randn(Shape.of(2 * n), g).slice(0, 0, 2 * n, 2);       // a bias with stride 2
        for (int threads = 1; threads <= 3; threads++) {
            try (var t = Parallel.withThreads(threads); var off = GradMode.disabled()) {
                check(x, w, bias, threads);
                check(xPermuted, w, null, threads);
                check(xTransposed, wT, strided, threads);
                check(x.select(0, 0), w, bias, threads); // rank 2
            }
        }
    }

    private static void check(Tensor x, Tensor w, Tensor bias, int threads) {
        Tensor fused = Functional.linear(x, w, bias);
        Tensor product = x.matmul(w.mT());
        Tensor plain = bias == null ? product : product.add(bias);
        System.out.printf("linear %s x %s%s on %d thread(s): %s%n", x.shape(), w.shape(), bias == null ? "" : " + " + bias.shape(), threads,
            fused.shape());
        assertThat(fused.shape()).isEqualTo(plain.shape());
        float[] f = fused.toFloatArray();
        long perMatrix = (long) x.size(-2) * x.size(-1) * w.size(0);
        long all = f.length * (long) x.size(-1);
        if ((perMatrix < Gemm.SMALL) == (all < Gemm.SMALL)) {
            // Both took the same GEMM path (the plain loop below Gemm.SMALL, fused multiply-adds above): same bits.
            assertThat(f).isEqualTo(plain.toFloatArray());
        }
        // and the numbers are right: a float64 loop
        float[] xs = x.contiguous().toFloatArray();
        float[] ws = w.contiguous().toFloatArray();
        float[] bs = bias == null ? null : bias.contiguous().toFloatArray();
        int k = x.size(-1);
        int n = w.size(0);
        int rows = f.length / n;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                double sum = bs == null ? 0 : bs[j];
                double magnitude = Math.abs(sum);
                for (int p = 0; p < k; p++) {
                    double t = (double) xs[i * k + p] * ws[j * k + p];
                    sum += t;
                    magnitude += Math.abs(t);
                }
                assertThat(Math.abs(f[i * n + j] - sum)).as("row %d column %d", i, j).isLessThanOrEqualTo(1e-5 * magnitude + 1e-30);
            }
        }
    }

    /** {@code linear} with a GELU, fused into the GEMM's epilogue, equals the product plus bias, then the backend's GELU. */
    @ParameterizedTest
    @CsvSource({"3, 5, 4", "197, 67, 91", "2, 300, 129"})
    void fusedGeluEqualsLinearThenGelu(int m, int k, int n) throws Exception {
        Generator g = new Generator(m * 7 + k);
        Tensor x = Tensor.randn(Shape.of(m, k), g);
        Tensor w = Tensor.randn(Shape.of(n, k), g);
        Tensor bias = Tensor.randn(Shape.of(n), g);
        for (int threads = 1; threads <= 2; threads++) {
            try (var t = Parallel.withThreads(threads); var off = GradMode.disabled()) {
                Tensor fused = Tensor.zeros(Shape.of(m, n));
                x.device().backend().linear(x, w, bias, UnaryOp.GELU, fused);
                Tensor plain = Functional.linear(x, w, bias).gelu();
                System.out.printf("GELU(linear %s x %s + %s) on %d thread(s): %s%n", x.shape(), w.shape(), bias.shape(), threads, fused.shape());
                assertThat(fused.toFloatArray()).isEqualTo(plain.toFloatArray());
            }
        }
    }
}
