// SPDX-License-Identifier: MIT
package vit.training;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import vit.model.ViT;
import vit.model.ViTConfig;
import vit.tensor.Generator;
import vit.training.data.DataOptions;
import vit.training.data.FashionMnistFiles;

/** {@code evaluate}: a checkpoint's loss and accuracy on the test set, per class, with the figures. */
public final class EvaluateCommand {
    private EvaluateCommand() {
    }

    /** {@code vit evaluate}'s flags: the checkpoint, the data, the batch size, and how many test images ({@link Integer#MAX_VALUE}: all). */
    public record Settings(Path checkpoint, DataOptions data, int batch, int testLimit) {
    }

    public static void run(Settings s, PrintStream out) throws IOException {
        Path file = s.checkpoint();
        ViTConfig stored = Checkpoints.config(file);
        ViTConfig config = stored != null ? stored : Chapter08.FASHION;
        ViT vit = new ViT(config, new Generator(0));
        Checkpoints.load(vit, file);
        FashionMnist test = FashionMnist.load(FashionMnistFiles.locate(s.data(), out), FashionMnist.Split.TEST).head(s.testLimit());
        Batches batches = new Batches(test, s.batch(), false, 0);
        out.println("model: " + TrainCommand.describe(config) + " from " + file + ", " + test.size() + " test images");
        Evaluation eval = Evaluation.of(vit, batches, config.nClasses(), new Progress(out, "test", batches.count()));
        out.println(String.format(Locale.ROOT, "test loss %.4f, test accuracy %.2f%%", eval.loss(), 100 * eval.accuracy()));
        int[][] c = eval.confusion();
        for (int t = 0; t < c.length; t++) {
            int sum = 0;
            for (int p = 0; p < c.length; p++) {
                sum += c[t][p];
            }
            String name = t < FashionMnist.CLASSES.size() ? FashionMnist.CLASSES.get(t) : "class " + t;
            out.println(String.format(Locale.ROOT, "  %-12s %5.1f%% of %d", name, sum == 0 ? 0 : 100.0 * c[t][t] / sum, sum));
        }
        TrainingFigures.positions(vit, out);
        TrainingFigures.confusion(eval, out);
        TrainingFigures.rollout(vit, test, out);
    }
}
