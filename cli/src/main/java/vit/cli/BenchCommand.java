// SPDX-License-Identifier: MIT
package vit.cli;

import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vit.model.ViT;
import vit.model.ViTConfig;
import vit.tensor.Device;
import vit.tensor.Generator;
import vit.tensor.MemoryScope;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.cpu.Blocking;
import vit.tensor.cpu.Ceiling;
import vit.tensor.cpu.Machine;
import vit.tensor.cpu.Parallel;

/**
 * {@code bench}: times forward passes (no autograd, each in its own {@link MemoryScope}) and compares the
 * GFLOP/s with the CPU's FMA ceiling measured in the same process on the same number of threads.
 */
@Command(name = "bench", description = {"Time forward passes: ms per forward, images/s, GFLOP/s and the share of the CPU's ceiling.",
    "Random images, no autograd, each forward in its own memory scope; the ceiling is a Vector API FMA loop measured in "
        + "the same process on the same threads. Without --weights: the preset vit-b-16 (or --preset NAME)."})
final class BenchCommand extends ModelCommand {
    @Mixin
    ModelFlags flags;

    @Mixin
    PresetFlags presets;

    @Option(names = "--heads", paramLabel = "N", description = "attention heads")
    Integer heads;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "1", description = "images per forward (default: 1)")
    int batch;

    @Option(names = "--iters", paramLabel = "N", defaultValue = "10", description = "timed forwards (default: 10)")
    int iters;

    @Option(names = "--warmup", paramLabel = "K", defaultValue = "2", description = "untimed forwards first (default: 2)")
    int warmup;

    @Override
    int run(Context ctx) throws Exception {
        Models.Request request = Models.request(this, presets, ViTConfig.VIT_B_16, flags, "--heads", heads);
        atLeast("--batch", batch, 1);
        atLeast("--iters", iters, 1);
        atLeast("--warmup", warmup, 0);
        Models.Built built = Models.build(request);
        ViT model = built.model();
        ViTConfig c = model.config();
        int threads = Parallel.threads();
        boolean cpu = ctx.device() == Device.CPU;
        // The header first: what the numbers below were measured on. This machine's speed can drift within a run (a shared
        // host), so the ceiling is measured before and after the forwards and the share uses the higher of the two: a
        // share of the lower one would credit the forwards with the machine's slow minutes.
        double before = cpu ? Ceiling.gflops(threads, 0.5) : 0;
        ctx.out().println(Machine.current().describe() + "; " + threads + " thread" + (threads == 1 ? "" : "s")
            + (cpu ? String.format(Locale.ROOT, "; ceiling %.1f GFLOP/s", before) : "; device " + ctx.device()));
        if (cpu) {
            ctx.out().println(Blocking.CURRENT.describe());
        }
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
        if (cpu) {
            double after = Ceiling.gflops(threads, 0.5);
            double ceiling = Math.max(before, after);
            ctx.out().printf(Locale.ROOT, "CPU ceiling %.2f GFLOP/s on %d thread%s (Vector API FMA loop; %.1f before, %.1f after): %.1f%% of it%n",
                ceiling, threads, threads == 1 ? "" : "s", before, after, 100 * gflops / ceiling);
        } else {
            ctx.out().println("(no CPU ceiling comparison: the forwards ran on " + ctx.device() + ")");
        }
        return Vit.OK;
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
