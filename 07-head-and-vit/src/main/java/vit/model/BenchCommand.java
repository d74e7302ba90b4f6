// SPDX-License-Identifier: MIT
package vit.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import vit.tensor.Device;
import vit.tensor.Generator;
import vit.tensor.MemoryScope;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.cpu.Ceiling;
import vit.tensor.cpu.Parallel;

/**
 * {@code bench}: times forward passes (no autograd, each in its own {@link MemoryScope}) and compares the
 * GFLOP/s with the CPU's FMA ceiling measured in the same process on the same number of threads.
 */
final class BenchCommand implements Command {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "time forward passes: ms per forward, images/s, GFLOP/s and the share of the CPU's ceiling";
    }

    @Override
    public String usage() {
        return "  --preset NAME            one of " + String.join(", ", ViTConfig.presets().keySet()) + " (default vit-b-16)\n"
            + "  --weights FILE           a timm ViT checkpoint in safetensors instead\n"
            + "  --variant timm|article   the attention variant\n"
            + "  --heads N                attention heads\n"
            + "  --image-size N           the input size\n"
            + Models.RESAMPLE_USAGE
            + "  --batch B                images per forward (default 1)\n"
            + "  --iters N                timed forwards (default 10)\n"
            + "  --warmup K               untimed forwards first (default 2)\n";
    }

    @Override
    public List<String> flags() {
        return List.of("preset", "weights", "variant", "heads", "image-size", "batch", "iters", "warmup", "resample");
    }

    @Override
    public int run(Args a, Context ctx) throws Exception {
        Models.Request request = Models.request(a, "vit-b-16", "heads");
        int batch = a.integer("batch", 1, 1);
        int iters = a.integer("iters", 10, 1);
        int warmup = a.integer("warmup", 2, 0);
        Models.Built built = Models.build(request);
        ViT model = built.model();
        ViTConfig c = model.config();
        int threads = Parallel.threads();
        ctx.out().println(built.origin());
        ctx.out().println("device " + ctx.device() + ", " + threads + " thread" + (threads == 1 ? "" : "s") + ", batch " + batch
            + ", " + warmup + " warm-up and " + iters + " timed forwards");
        model.to(ctx.device());
        Tensor input = Tensor.randn(Shape.of(batch, c.inChannels(), c.imgSize(), c.imgSize()), new Generator(Models.SEED)).to(ctx.device());
        for (int i = 0; i < warmup; i++) {
            forward(model, input);
        }
        double[] ms = new double[iters];
        for (int i = 0; i < iters; i++) {
            ms[i] = forward(model, input);
            ctx.out().printf(Locale.ROOT, "iteration %d: %.2f ms%n", i + 1, ms[i]);
        }
        double median = median(ms);
        double gflops = c.flopsPerImage() * batch / (median / 1e3) / 1e9;
        ctx.out().printf(Locale.ROOT, "median %.2f ms per forward%n", median);
        ctx.out().printf(Locale.ROOT, "%.2f images/s%n", batch / (median / 1e3));
        ctx.out().printf(Locale.ROOT, "%.2f GFLOP/s (%.3f GFLOP per image)%n", gflops, c.flopsPerImage() / 1e9);
        if (ctx.device() == Device.CPU) {
            double ceiling = Ceiling.gflops(threads, 0.5);
            ctx.out().printf(Locale.ROOT, "CPU ceiling %.2f GFLOP/s on %d thread%s (Vector API FMA loop): %.1f%% of it%n",
                ceiling, threads, threads == 1 ? "" : "s", 100 * gflops / ceiling);
        } else {
            ctx.out().println("(no CPU ceiling comparison: the forwards ran on " + ctx.device() + ")");
        }
        return Cli.OK;
    }

    /** One forward's wall time in ms; reading the logits back waits for a GPU to finish. */
    private static double forward(ViT model, Tensor input) {
        long t0 = System.nanoTime();
        try (MemoryScope scope = MemoryScope.open()) {
            model.apply(input).toFloatArray();
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
