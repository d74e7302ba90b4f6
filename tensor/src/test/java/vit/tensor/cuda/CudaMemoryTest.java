// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vit.tensor.Device;
import vit.tensor.Functional;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.MemoryScope;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/** GPU memory comes back when MemoryScopes close: nothing waits for the garbage collector. */
@Tag("gpu")
class CudaMemoryTest {
    /** A transformer-block-like sequence: linear, GELU, attention scores, softmax, layer norm, residual. */
    static float step(Generator g, Device d) {
        Tensor x = Tensor.randn(Shape.of(8, 197, 96), g).to(d);
        Tensor w = Tensor.randn(Shape.of(384, 96), g).to(d);
        Tensor b = Tensor.randn(Shape.of(384), g).to(d);
        Tensor h = Functional.linear(x, w, b).gelu();                      // [8, 197, 384], 2.4 MB
        Tensor q = h.reshape(8, 197, 6, 64).permute(0, 2, 1, 3);           // [8, 6, 197, 64]
        Tensor att = q.matmul(q.transpose(-2, -1)).mul(0.125f).softmax(-1); // [8, 6, 197, 197]
        Tensor y = att.matmul(q).permute(0, 2, 1, 3).reshape(8, 197, 384);
        Tensor ones = Tensor.ones(Shape.of(384), d);
        Tensor zeros = Tensor.zeros(Shape.of(384), d);
        Tensor z = Functional.layerNorm(y.add(h), ones, zeros, 1e-5f);
        return z.sum().item();
    }

    @Test
    void freeMemoryReturnsAfterManyScopes() {
        GpuTensors.assumeGpu();
        CudaBackend backend = Cuda.cudaBackend();
        Generator g = new Generator(1);
        for (int i = 0; i < 2; i++) {
            try (GradMode.Scope off = GradMode.disabled(); MemoryScope warm = MemoryScope.open()) {
                step(g, Device.CUDA); // compiles the kernels and lets cuBLAS allocate its workspace
            }
        }
        long before = backend.memoryInfo()[0];
        for (int i = 0; i < 200; i++) {
            try (MemoryScope scope = MemoryScope.open()) {
                assertThat(Float.isFinite(step(g, Device.CUDA))).isTrue();
            }
        }
        long after = backend.memoryInfo()[0];
        System.out.printf("free GPU memory before %d MiB, after 200 scopes %d MiB (difference %d bytes)%n",
            before >> 20, after >> 20, before - after);
        // Slack of two 2 MiB driver pages; one leaked activation per step would be 200 x 2.4 MB.
        assertThat(before - after).as("bytes of GPU memory not returned").isLessThanOrEqualTo(4L << 20);
    }
}
