// SPDX-License-Identifier: MIT
package vit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vit.training.EvaluateCommand.Settings;

/** {@code evaluate}: chapter 08's test of a checkpoint ({@link vit.training.EvaluateCommand}). */
@Command(name = "evaluate", description = {"A trained checkpoint's loss and accuracy on the Fashion-MNIST test set, per class.",
    "With the figures: the position-embedding similarity, the confusion matrix and attention rollouts of test pictures."})
final class EvaluateCommand extends VitCommand {
    @Option(names = "--checkpoint", paramLabel = "FILE", required = true, description = "a checkpoint written by vit train")
    Path checkpoint;

    @Mixin
    DataFlags data;

    @Option(names = "--batch", paramLabel = "N", description = "images per forward (default: ${DEFAULT-VALUE})")
    int batch = 256;

    @Option(names = "--test-limit", paramLabel = "N", description = "use only the first N test images")
    Integer testLimit;

    @Override
    int work() throws Exception {
        vit.training.EvaluateCommand.run(new Settings(checkpoint, data.options(), atLeast("--batch", batch, 1),
            testLimit == null ? Integer.MAX_VALUE : atLeast("--test-limit", testLimit, 1)), out());
        return Vit.OK;
    }
}
