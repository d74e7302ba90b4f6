// SPDX-License-Identifier: MIT
package vit.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vit.tensor.Device;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.MemoryScope;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.cuda.Cuda;

/** On a GPU: a thousand ViT-B/16 forward passes leave device memory where it started (no reliance on the GC). */
@Tag("gpu")
class CudaMemoryTest {
    @Test
    void aThousandForwardPassesLeaveDeviceMemoryWhereItStarted() {
        Assumptions.assumeTrue(Device.CUDA.isAvailable(), () -> "no usable CUDA device: " + Cuda.probe().reason());
        ViT vit = new ViT(ViTConfig.VIT_B_16, new Generator(0));
        vit.to(Device.CUDA);
        Tensor images = Tensor.randn(Shape.of(1, 3, 224, 224), new Generator(1)).to(Device.CUDA);
        try (var off = GradMode.disabled()) {
            try (var warm = MemoryScope.open()) {
                vit.apply(images); // compiles and loads the kernels, creates the cuBLAS workspace
            }
            long before = Cuda.cudaBackend().memoryInfo()[0];
            for (int i = 0; i < 1000; i++) {
                try (var scope = MemoryScope.open()) {
                    vit.apply(images);
                }
            }
            long after = Cuda.cudaBackend().memoryInfo()[0];
            System.out.printf("free GPU memory: %d MiB before, %d MiB after 1000 forwards%n", before >> 20, after >> 20);
            assertThat(Math.abs(after - before)).as("free device memory drift in bytes").isLessThan(4L << 20);
        }
    }
}
