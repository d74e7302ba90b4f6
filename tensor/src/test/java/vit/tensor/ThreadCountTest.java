// SPDX-License-Identifier: MIT
package vit.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vit.tensor.cpu.Parallel;

/** The CPU kernels give bit-identical results on 1 and on 3 threads (inputs large enough to be split). */
class ThreadCountTest {
    private static List<float[]> run(int threads, Supplier<List<Tensor>> work) throws Exception {
        try (AutoCloseable t = Parallel.withThreads(threads)) {
            assertThat(Parallel.threads()).isEqualTo(threads);
            List<float[]> out = new ArrayList<>();
            for (Tensor r : work.get()) {
                out.add(r.toFloatArray());
            }
            return out;
        }
    }

    private static void sameOnOneAndThreeThreads(String what, Supplier<List<Tensor>> work) throws Exception {
        List<float[]> one = run(1, work);
        List<float[]> three = run(3, work);
        for (int i = 0; i < one.size(); i++) {
            System.out.println(what + " result " + i + " [" + one.get(i).length + " values] identical on 1 and 3 threads");
            assertThat(three.get(i)).as(what + " result " + i).isEqualTo(one.get(i));
        }
    }

    @Test
    void kernelsDoNotDependOnTheThreadCount() throws Exception {
        Generator g = new Generator(61);
        Tensor a = Check.randn(g, 256, 96);
        Tensor b = Check.permuted(g, 96, 80);
        Tensor x = Check.randn(g, 64, 50, 33);
        Tensor w = Check.randn(g, 33);
        Tensor bias = Check.randn(g, 33);
        Tensor img = Check.randn(g, 4, 3, 32, 32);
        Tensor k = Check.randn(g, 8, 3, 3, 3);
        Tensor kb = Check.randn(g, 8);
        System.out.println("threads: matmul " + a.shape() + " @ " + b.shape() + ", softmax/layerNorm/sum " + x.shape() + ", conv2d "
            + img.shape() + " * " + k.shape());
        sameOnOneAndThreeThreads("matmul", () -> List.of(a.matmul(b)));
        sameOnOneAndThreeThreads("softmax", () -> List.of(x.softmax(-1), x.softmax(1), x.logSoftmax(0)));
        sameOnOneAndThreeThreads("layerNorm", () -> List.of(Functional.layerNorm(x, w, bias, 1e-5f)));
        sameOnOneAndThreeThreads("reduce", () -> List.of(x.sum(-1, false), x.mean(new int[] {0, 2}, true), x.max(1, false), x.sum()));
        sameOnOneAndThreeThreads("elementwise", () -> List.of(x.gelu(), x.permute(2, 0, 1).add(w.reshape(33, 1, 1)), x.contiguous()));
        sameOnOneAndThreeThreads("conv2d", () -> List.of(Functional.conv2d(img, k, kb, 1, 1), Functional.conv2d(img, k, kb, 2, 0)));
        sameOnOneAndThreeThreads("conv2d backward", () -> {
            Tensor xi = img.detach().requiresGrad(true);
            Tensor ki = k.detach().requiresGrad(true);
            Functional.conv2d(xi, ki, kb, 2, 1).sum().backward();
            return List.of(xi.grad(), ki.grad());
        });
    }

    @Test
    void threadCountMustBePositive() {
        assertThatThrownBy(() -> Parallel.withThreads(0)).hasMessageContaining("got 0");
    }
}
