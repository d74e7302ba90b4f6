// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static vit.tensor.einops.Loops.assertMatches;
import static vit.tensor.einops.Loops.doubles;
import static vit.tensor.einops.Loops.randn;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vit.tensor.Device;
import vit.tensor.Tensor;

/**
 * einops and einsum run on CUDA with no code of their own: the same calls on a CUDA tensor give the CPU's
 * numbers (exactly for pure data movement) and the CPU's gradients. Skipped where CUDA is not usable.
 */
class CudaParityTest {
    @Test
    @Tag("gpu")
    void sameNumbersAndGradientsOnCuda() {
        assumeTrue(Device.CUDA.isAvailable(), () -> "CUDA is not usable here");
        Tensor img = randn(71, 2, 3, 15, 21);
        Tensor gpu = img.to(Device.CUDA).requiresGrad(true);
        String patches = "b c (h s1) (w s2) -> b (h w) (s1 s2 c)";
        Tensor cpuOut = Einops.rearrange(img, patches, "s1", 5, "s2", 3);
        Tensor gpuOut = Einops.rearrange(gpu, patches, "s1", 5, "s2", 3);
        assertMatches("cuda " + patches, gpuOut.to(Device.CPU), cpuOut.shape().dims(), doubles(cpuOut), 0);
        assertMatches("cuda repeat", Einops.repeat(gpu, "b c h w -> b r c h w", "r", 3).to(Device.CPU), new int[] {2, 3, 3, 15, 21},
            doubles(Einops.repeat(img, "b c h w -> b r c h w", "r", 3)), 0);
        assertMatches("cuda reduce max", Einops.reduce(gpu, "b c (h 5) (w 3) -> b c h w", "max").to(Device.CPU), new int[] {2, 3, 3, 7},
            doubles(Einops.reduce(img, "b c (h 5) (w 3) -> b c h w", "max")), 0);

        Tensor q = randn(72, 2, 3, 5, 7);
        Tensor k = randn(73, 2, 3, 6, 7);
        Tensor qg = q.to(Device.CUDA).requiresGrad(true);
        Tensor kg = k.to(Device.CUDA).requiresGrad(true);
        Tensor cpuE = Einsum.einsum("bhqd,bhkd->bhqk", q, k);
        Tensor gpuE = Einsum.einsum("bhqd,bhkd->bhqk", qg, kg);
        assertMatches("cuda einsum bhqd,bhkd->bhqk", gpuE.to(Device.CPU), new int[] {2, 3, 5, 6}, doubles(cpuE), 1e-4);

        gpuOut.sum().backward();
        double[] ones = new double[(int) img.numel()];
        java.util.Arrays.fill(ones, 1);
        assertMatches("cuda d sum(rearrange) / dx", gpu.grad().to(Device.CPU), img.shape().dims(), ones, 0);
        gpuE.sum().backward();
        // d sum(q k^T) / dq[b,h,i,d] = sum_j k[b,h,j,d]
        assertMatches("cuda d sum(einsum) / dq", qg.grad().to(Device.CPU), q.shape().dims(),
            doubles(k.sum(2, true).expand(q.shape()).contiguous()), 1e-4);
    }
}
