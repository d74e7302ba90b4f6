// SPDX-License-Identifier: MIT
package vit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vit.training.TrainCommand.Settings;

/** {@code train}: chapter 08's training run ({@link vit.training.TrainCommand}), its settings from the flags. */
@Command(name = "train", description = {"Train chapter 08's ViT on Fashion-MNIST, with a checkpoint per epoch.",
    "AdamW with a linear warm-up and a cosine decay, gradient clipping, a test evaluation per epoch and the figures at the end. "
        + "Seeded: the same flags give the same numbers."})
final class TrainCommand extends VitCommand {
    private static final Settings DEFAULTS = Settings.defaults();

    @Mixin
    DataFlags data;

    @Option(names = "--epochs", paramLabel = "N", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs = DEFAULTS.epochs();

    @Option(names = "--batch", paramLabel = "N", description = "images per step (default: ${DEFAULT-VALUE})")
    int batch = DEFAULTS.batch();

    @Option(names = "--lr", paramLabel = "X", description = "peak learning rate (default: ${DEFAULT-VALUE})")
    double lr = DEFAULTS.lr();

    @Option(names = "--min-lr", paramLabel = "X", description = "learning rate at the end of the cosine (default: ${DEFAULT-VALUE})")
    double minLr = DEFAULTS.minLr();

    @Option(names = "--warmup", paramLabel = "STEPS", description = "linear warm-up steps (default: min(500, total steps / 10))")
    Integer warmup;

    @Option(names = "--weight-decay", paramLabel = "X", description = "AdamW's decoupled weight decay (default: ${DEFAULT-VALUE})")
    double weightDecay = DEFAULTS.weightDecay();

    @Option(names = "--clip", paramLabel = "X", description = "gradient norm clip, 0 = off (default: ${DEFAULT-VALUE})")
    double clip = DEFAULTS.clip();

    @Option(names = "--seed", paramLabel = "N", description = "seed of the weights and the shuffling (default: ${DEFAULT-VALUE})")
    int seed = (int) DEFAULTS.seed();

    @Option(names = "--limit", paramLabel = "N", description = "use only the first N training images")
    Integer limit;

    @Option(names = "--test-limit", paramLabel = "N", description = "use only the first N test images")
    Integer testLimit;

    @Option(names = "--max-steps", paramLabel = "N", description = "stop after N steps (no evaluation, no checkpoint)")
    Integer maxSteps;

    @Option(names = "--out", paramLabel = "FILE", description = "the checkpoint to write each epoch (default: ${DEFAULT-VALUE})")
    Path out = DEFAULTS.out();

    @Option(names = "--resume", paramLabel = "FILE", description = "continue from this checkpoint (and its .optim.safetensors)")
    Path resume;

    @Override
    int work() throws Exception {
        Settings s = new Settings(data.options(), atLeast("--epochs", epochs, 1), atLeast("--batch", batch, 1), finiteAtLeastZero("--lr", lr),
            finiteAtLeastZero("--min-lr", minLr), warmup == null ? DEFAULTS.warmup() : atLeast("--warmup", warmup, 0),
            finiteAtLeastZero("--weight-decay", weightDecay), finiteAtLeastZero("--clip", clip), atLeast("--seed", seed, 0),
            limit == null ? DEFAULTS.limit() : atLeast("--limit", limit, 1),
            testLimit == null ? DEFAULTS.testLimit() : atLeast("--test-limit", testLimit, 1),
            maxSteps == null ? DEFAULTS.maxSteps() : atLeast("--max-steps", maxSteps, 1), out, resume);
        vit.training.TrainCommand.run(s, out());
        return Vit.OK;
    }
}
