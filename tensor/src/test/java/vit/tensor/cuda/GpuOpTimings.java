// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import java.util.Locale;
import java.util.function.Supplier;
import vit.tensor.Device;
import vit.tensor.Functional;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.MemoryScope;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * A rough CPU-versus-GPU timing table of the ops a ViT-Base forward pass spends its time in, at ViT-Base
 * sizes (batch 8, 197 tokens, 768 features, 12 heads). Run by {@code src/test/scripts/gpu-check.sh}; not a
 * test (speed goals live in benchmarks). Prints the probe's reason and exits when there is no GPU.
 */
public final class GpuOpTimings {
    private GpuOpTimings() {
    }

    private record Op(String name, double flops, java.util.function.Function<Device, Supplier<Tensor>> make) {
    }

    public static void main(String[] args) {
        if (!Cuda.probe().available()) {
            System.out.println("no GPU: " + Cuda.probe().reason());
            return;
        }
        CudaBackend gpu = Cuda.cudaBackend();
        System.out.println("GPU: " + gpu.describe());
        int b = 8;
        int t = 197;
        int e = 768;
        Op[] ops = {
            new Op("linear [8, 197, 768] x [3072, 768]^T", 2.0 * b * t * e * 3072, d -> {
                Tensor x = rand(d, 1, b, t, e);
                Tensor w = rand(d, 2, 3072, e);
                return () -> Functional.linear(x, w, null);
            }),
            new Op("attention q k^T [8, 12, 197, 64]", 2.0 * b * 12 * t * t * 64, d -> {
                Tensor q = rand(d, 3, b, t, 12, 64).permute(0, 2, 1, 3);
                return () -> q.matmul(q.transpose(-2, -1));
            }),
            new Op("softmax [8, 12, 197, 197]", 0, d -> {
                Tensor s = rand(d, 4, b, 12, t, t);
                return () -> s.softmax(-1);
            }),
            new Op("gelu [8, 197, 3072]", 0, d -> {
                Tensor h = rand(d, 5, b, t, 3072);
                return h::gelu;
            }),
            new Op("layer_norm [8, 197, 768]", 0, d -> {
                Tensor x = rand(d, 6, b, t, e);
                Tensor w = Tensor.ones(Shape.of(e), d);
                Tensor z = Tensor.zeros(Shape.of(e), d);
                return () -> Functional.layerNorm(x, w, z, 1e-6f);
            }),
        };
        System.out.printf("%-40s %12s %12s %9s %12s%n", "op", "cpu ms", "cuda ms", "speedup", "cuda GFLOP/s");
        try (GradMode.Scope off = GradMode.disabled()) {
            for (Op op : ops) {
                double cpu = time(op, Device.CPU, null, 2);
                double cuda = time(op, Device.CUDA, gpu, 20);
                System.out.printf(Locale.ROOT, "%-40s %12.2f %12.3f %8.1fx %12s%n", op.name(), cpu, cuda, cpu / cuda,
                    op.flops() == 0 ? "-" : String.format(Locale.ROOT, "%.0f", op.flops() / cuda / 1e6));
            }
        }
    }

    private static Tensor rand(Device d, long seed, int... dims) {
        return Tensor.randn(Shape.of(dims), new Generator(seed)).to(d);
    }

    /** Milliseconds per call, the best of {@code reps} after one warm-up. */
    private static double time(Op op, Device d, CudaBackend gpu, int reps) {
        try (MemoryScope inputs = MemoryScope.open()) {
            Supplier<Tensor> f = op.make().apply(d);
            double best = Double.MAX_VALUE;
            for (int i = 0; i <= reps; i++) {
                try (MemoryScope step = MemoryScope.open()) {
                    long t0 = System.nanoTime();
                    f.get();
                    if (gpu != null) {
                        gpu.synchronize();
                    }
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (i > 0) {
                        best = Math.min(best, ms);
                    }
                }
            }
            return best;
        }
    }
}
