// SPDX-License-Identifier: MIT
package vit.training;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vit.model.TimmNames;
import vit.model.ViT;
import vit.model.ViTConfig;
import vit.nn.Parameter;
import vit.nn.optim.AdamW;
import vit.nn.optim.LrSchedule;
import vit.nn.optim.Schedules;
import vit.tensor.Generator;
import vit.tensor.cpu.Parallel;
import vit.training.data.DataOptions;
import vit.training.data.FashionMnistFiles;

/**
 * {@code train}: AdamW with a linear warm-up and a cosine decay, gradient clipping, one test evaluation
 * and one checkpoint per epoch, and the figures at the end. Everything is seeded: the same options give
 * the same numbers.
 */
public final class TrainCommand {
    private TrainCommand() {
    }

    /**
     * The settings of a run ({@code vit train}'s flags): {@code warmup} -1 is min(500, total / 10), {@code resume}
     * null starts afresh, {@code limit}, {@code testLimit} and {@code maxSteps} {@link Integer#MAX_VALUE} are "all".
     */
    public record Settings(DataOptions data, int epochs, int batch, double lr, double minLr, int warmup, double weightDecay, double clip,
                           long seed, int limit, int testLimit, int maxSteps, Path out, Path resume) {
        /** The defaults: the recipe of the README's first run. */
        public static Settings defaults() {
            return new Settings(DataOptions.defaults(), 10, 128, 1e-3, 1e-5, -1, 0.05, 1.0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE,
                Integer.MAX_VALUE, Path.of("target/fashion-vit.safetensors"), null);
        }
    }

    public static void run(Settings s, PrintStream out) throws IOException {
        Path data = FashionMnistFiles.locate(s.data(), out);
        FashionMnist train = FashionMnist.load(data, FashionMnist.Split.TRAIN).head(s.limit());
        FashionMnist test = FashionMnist.load(data, FashionMnist.Split.TEST).head(s.testLimit());
        ViTConfig config = Chapter08.FASHION;
        Map<String, String> resumed = Map.of();
        if (s.resume() != null) {
            ViTConfig stored = Checkpoints.config(s.resume());
            config = stored != null ? stored : config;
            resumed = Checkpoints.metadata(s.resume());
        }
        ViT vit = new ViT(config, new Generator(s.seed()));
        Map<String, Parameter> named = TimmNames.parameters(vit);
        List<String> names = new ArrayList<>(named.keySet());
        AdamW adamw = new AdamW(new ArrayList<>(named.values()), s.lr(), 0.9, 0.999, 1e-8, s.weightDecay(), noDecay(named));
        int startEpoch = 0;
        long startStep = 0;
        History history = new History(10);
        if (s.resume() != null) {
            Checkpoints.load(vit, s.resume());
            Path optim = Checkpoints.optimizerFile(s.resume());
            if (Files.exists(optim)) {
                Checkpoints.loadOptimizer(adamw, names, optim);
            } else {
                out.println("note: no " + optim.getFileName() + " beside the checkpoint: the optimizer starts afresh");
            }
            startEpoch = Integer.parseInt(resumed.getOrDefault("epoch", "0"));
            startStep = Long.parseLong(resumed.getOrDefault("step", "0"));
            history = History.decode(resumed.get("history"), 10);
            out.println("resumed " + s.resume() + " after epoch " + startEpoch + " (step " + startStep + ")");
        }
        Batches batches = new Batches(train, s.batch(), true, s.seed());
        Batches testBatches = new Batches(test, 256, false, 0);
        long total = (long) s.epochs() * batches.count();
        long warmup = s.warmup() >= 0 ? s.warmup() : Math.min(500, total / 10);
        LrSchedule schedule = Schedules.warmupCosine(s.lr(), warmup, Math.max(total, warmup + 1), Math.min(s.minLr(), s.lr()));
        Trainer trainer = new Trainer(vit, adamw, schedule, s.clip(), startStep);

        out.println(String.format(Locale.ROOT, "model: %s, %,d parameters; data: %,d training and %,d test images from %s", describe(config),
            vit.parameterCount(), train.size(), test.size(), data));
        out.println(String.format(Locale.ROOT, "AdamW lr %.1e (warm-up %d steps, cosine to %.0e), weight decay %.2f (not on biases, "
            + "norms and positions), clip %.1f, batch %d, %d steps per epoch, %d CPU thread%s", s.lr(), warmup, s.minLr(),
            s.weightDecay(), s.clip(), s.batch(), batches.count(), Parallel.threads(), Parallel.threads() == 1 ? "" : "s"));
        if (startEpoch >= s.epochs()) {
            out.println("nothing to do: the checkpoint has " + startEpoch + " epochs already; ask for more with --epochs");
        }
        int stepsThisRun = 0;
        long started = System.nanoTime();
        for (int epoch = startEpoch; epoch < s.epochs() && stepsThisRun < s.maxSteps(); epoch++) {
            Progress bar = new Progress(out, String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, s.epochs()), batches.count());
            double lossSum = 0;
            long correct = 0;
            long seen = 0;
            int done = 0;
            for (Batches.Batch batch : batches.epoch(epoch)) {
                Trainer.StepResult r = trainer.step(batch);
                done++;
                stepsThisRun++;
                lossSum += r.loss() * r.size();
                correct += r.correct();
                seen += r.size();
                history.addStep(epoch + (double) done / batches.count(), r);
                bar.update(done, lossSum / seen, (double) correct / seen, seen);
                if (stepsThisRun >= s.maxSteps()) {
                    break;
                }
            }
            bar.done(done, lossSum / seen, (double) correct / seen, seen);
            out.println(String.format(Locale.ROOT, "  %.0f images/s, %s", seen / bar.seconds(), trainer.times().describe(Math.min(s.batch(), train.size()))));
            if (done < batches.count()) {
                out.println("stopped after " + stepsThisRun + " steps (--max-steps); no evaluation, no checkpoint");
                TrainingFigures.curves(history, out);
                return;
            }
            Evaluation eval = Evaluation.of(vit, testBatches, config.nClasses(), new Progress(out, "  test", testBatches.count()));
            history.addEpoch(epoch + 1, eval);
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("epoch", Integer.toString(epoch + 1));
            meta.put("step", Long.toString(trainer.stepCount()));
            meta.put("seed", Long.toString(s.seed()));
            meta.put("test_accuracy", String.format(Locale.ROOT, "%.4f", eval.accuracy()));
            meta.put("history", history.encode());
            meta.putAll(FashionMnist.inputMetadata(config.numHeads()));
            Checkpoints.save(vit, s.out(), meta);
            Checkpoints.saveOptimizer(adamw, names, Checkpoints.optimizerFile(s.out()));
            out.println(String.format(Locale.ROOT, "epoch %d: test loss %.4f, test accuracy %.2f%% after %s of this run; saved %s", epoch + 1,
                eval.loss(), 100 * eval.accuracy(), minutes(System.nanoTime() - started), s.out()));
            if (epoch + 1 == s.epochs()) {
                TrainingFigures.all(vit, history, eval, test, out);
            }
        }
    }

    /** {@code m:ss}. */
    static String minutes(long nanos) {
        long seconds = Math.round(nanos / 1e9);
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /** timm's recipe: no weight decay for biases, norm weights (every 1-D parameter), {@code pos_embed} and {@code cls_token}. */
    static List<Parameter> noDecay(Map<String, Parameter> named) {
        List<Parameter> out = new ArrayList<>();
        named.forEach((name, p) -> {
            if (p.shape().rank() <= 1 || name.equals("pos_embed") || name.equals("cls_token")) {
                out.add(p);
            }
        });
        return out;
    }

    static String describe(ViTConfig c) {
        return String.format(Locale.ROOT, "ViT(patch %d, emb %d, depth %d, heads %d, %s)", c.patchSize(), c.embSize(), c.depth(),
            c.numHeads(), c.variant().name().toLowerCase(Locale.ROOT));
    }
}
