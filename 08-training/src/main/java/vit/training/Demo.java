// SPDX-License-Identifier: MIT
package vit.training;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Locale;
import vit.model.ViT;
import vit.nn.optim.AdamW;
import vit.nn.optim.Schedules;
import vit.data.FashionVit;
import vit.tensor.Generator;
import vit.training.data.DataOptions;
import vit.training.data.FashionMnistFiles;

/**
 * What {@code Chapter08} does without arguments: a few dozen training steps, enough to see the loss
 * fall, in well under a minute. It uses Fashion-MNIST, downloading it the first time, and when that fails
 * (offline) says why and trains on a small synthetic set instead.
 */
final class Demo {
    static final int STEPS = 40;
    static final int BATCH = 32;

    private Demo() {
    }

    static void run(PrintStream out) throws IOException {
        run(out, DataOptions.defaults());
    }

    /** The demo on Fashion-MNIST (downloaded when {@code data} allows it), or on synthetic data when it cannot be had. */
    static void run(PrintStream out, DataOptions data) throws IOException {
        out.println("== Chapter 08: training a ViT on Fashion-MNIST ==");
        FashionMnist train;
        FashionMnist test;
        java.nio.file.Path dir = null;
        try {
            dir = FashionMnistFiles.locate(data, out);
        } catch (IOException e) {
            out.println(e.getMessage());
        }
        if (dir != null) {
            train = FashionMnist.load(dir, FashionMnist.Split.TRAIN).head(STEPS * BATCH);
            test = FashionMnist.load(dir, FashionMnist.Split.TEST).head(500);
            out.println("data: the first " + train.size() + " training and " + test.size() + " test images of " + dir);
        } else {
            train = Synthetic.make(STEPS * BATCH, 1);
            test = Synthetic.make(500, 2);
            out.println("data: " + train.size() + " synthetic training images instead (a bar whose place and direction is the class)");
        }
        ViT vit = new ViT(Chapter08.FASHION, new Generator(0));
        out.println(String.format(Locale.ROOT, "model: %s, %,d parameters", TrainCommand.describe(Chapter08.FASHION), vit.parameterCount()));
        AdamW adamw = new AdamW(new ArrayList<>(vit.parameters()), 2e-3, 0.05);
        Trainer trainer = new Trainer(vit, adamw, Schedules.warmupCosine(2e-3, 10, STEPS, 1e-4), 1.0, 0);
        Batches batches = new Batches(train, BATCH, true, 0);
        History history = new History(5);
        Progress bar = new Progress(out, "train", batches.count());
        double first = Double.NaN;
        double recent = 0;
        long correct = 0;
        long seen = 0;
        int done = 0;
        for (Batches.Batch batch : batches.epoch(0)) {
            Trainer.StepResult r = trainer.step(batch);
            first = done == 0 ? r.loss() : first;
            recent = done == 0 ? r.loss() : 0.9 * recent + 0.1 * r.loss();
            correct += r.correct();
            seen += r.size();
            done++;
            history.addStep((double) done / batches.count(), r);
            bar.update(done, recent, (double) correct / seen, seen);
        }
        bar.done(done, recent, (double) correct / seen, seen);
        out.println(String.format(Locale.ROOT, "loss: %.3f at the first step (ln 10 = %.3f is a uniform guess), %.3f (moving average) after %d",
            first, Math.log(10), recent, done));
        out.println("time " + trainer.times());
        Evaluation eval = Evaluation.of(vit, new Batches(test, 250, false, 0), 10, null);
        out.println(String.format(Locale.ROOT, "accuracy on %d test images: %.1f%% (chance: 10%%)", eval.count(), 100 * eval.accuracy()));
        TrainingFigures.curves(history, out);
        if (dir != null) {
            shipped(eval, new Batches(test, 250, false, 0), test, out);
        }
        out.println("The full run (88% in under 10 minutes on 2 cores): ./vit train --epochs 4 --batch 128 --lr 2e-3 --warmup 200");
    }

    /** The fully trained model shipped in {@code models/} on the same test images, beside the demo's, and its rollout. */
    static void shipped(Evaluation demo, Batches batches, FashionMnist test, PrintStream out) throws IOException {
        java.util.Optional<java.nio.file.Path> file = FashionVit.find();
        if (file.isEmpty()) {
            out.println(FashionVit.notFound());
            return;
        }
        ViT vit = new ViT(Checkpoints.config(file.get()), new Generator(0));
        Checkpoints.load(vit, file.get());
        Evaluation eval = Evaluation.of(vit, batches, 10, null);
        out.println(String.format(Locale.ROOT, "the trained model in %s names %.1f%% of the same %d test images rightly, these %d steps %.1f%%",
            FashionVit.FILE, 100 * eval.accuracy(), eval.count(), STEPS, 100 * demo.accuracy()));
        TrainingFigures.rollout(vit, test, "08-rollout-trained.png", "rollout of the trained model", out);
    }
}
