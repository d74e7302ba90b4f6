// SPDX-License-Identifier: MIT
package vit.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import vit.tensor.Device;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.MemoryScope;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.cuda.Cuda;
import vit.tensor.testing.Fixtures;

/**
 * The GPU bundle's Java timings (tensor/CUDA.md): ViT-B/16 forwards (timm's variant, seeded random weights, no
 * autograd, each in its own {@link MemoryScope}) timed up to the logits' download, after warm-up forwards that let
 * the JIT, NVRTC and cuBLAS settle. One line per batch, in the format of {@code gpu_torch.py bench}:
 *
 * <pre>
 *   java ... vit.model.ForwardTimings cuda 1:30 64:10      (-Dvit.cuda.tf32=true for TF32 matrix products)
 *   java cuda fp32 batch 1: median 4.12 ms, 242.7 images/s (30 runs, 3.98-4.60 ms)
 * </pre>
 *
 * <p>First it prints how far one image's logits on the device lie from the CPU's: float32 agreement (about 1e-6)
 * shows the products ran in full precision, TF32 shows as about 1e-3.
 */
public final class ForwardTimings {
    private static final int WARMUP = 5;

    private ForwardTimings() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ForwardTimings cpu|cuda BATCH:ITERATIONS...   e.g. cuda 1:30 64:10");
            System.exit(2);
        }
        Device device = Device.parse(args[0]);
        List<int[]> runs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] p = args[i].split(":");
            if (p.length != 2 || !p[0].matches("[1-9][0-9]*") || !p[1].matches("[1-9][0-9]*")) {
                System.err.println("ForwardTimings: expected BATCH:ITERATIONS with positive whole numbers, got '" + args[i] + "'");
                System.exit(2);
            }
            runs.add(new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])});
        }
        String math = device == Device.CUDA && Cuda.cudaBackend().allowsTf32() ? "tf32" : "fp32";
        ViT vit = new ViT(ViTConfig.VIT_B_16, new Generator(0));
        ViTConfig c = vit.config();
        try (GradMode.Scope off = GradMode.disabled()) {
            Tensor one = Tensor.randn(Shape.of(1, c.inChannels(), c.imgSize(), c.imgSize()), new Generator(1));
            Tensor cpu = vit.apply(one);
            vit.to(device);
            System.out.println(device == Device.CUDA ? "device " + Cuda.cudaBackend().describe() : "device cpu");
            Tensor ours = vit.apply(one.to(device)).to(Device.CPU);
            System.out.printf(Locale.ROOT, "java %s %s logits vs cpu at batch 1: rel err %.1e%n", device, math,
                Fixtures.relativeError(ours, cpu));
            for (int[] run : runs) {
                int batch = run[0];
                Tensor x = Tensor.randn(Shape.of(batch, c.inChannels(), c.imgSize(), c.imgSize()), new Generator(2)).to(device);
                for (int i = 0; i < Math.min(WARMUP, run[1]); i++) {
                    forward(vit, x);
                }
                double[] ms = new double[run[1]];
                for (int i = 0; i < ms.length; i++) {
                    ms[i] = forward(vit, x);
                }
                Arrays.sort(ms);
                double median = ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
                System.out.printf(Locale.ROOT, "java %s %s batch %d: median %.2f ms, %.1f images/s (%d runs, %.2f-%.2f ms)%n", device,
                    math, batch, median, batch * 1e3 / median, ms.length, ms[0], ms[ms.length - 1]);
            }
        }
    }

    /** One forward's wall time in ms; downloading the logits waits for the device to finish. */
    private static double forward(ViT vit, Tensor x) {
        long t0 = System.nanoTime();
        try (MemoryScope scope = MemoryScope.open()) {
            vit.apply(x).toFloatArray();
        }
        return (System.nanoTime() - t0) / 1e6;
    }
}
