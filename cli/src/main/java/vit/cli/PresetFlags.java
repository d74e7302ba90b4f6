// SPDX-License-Identifier: MIT
package vit.cli;

import picocli.CommandLine.Option;
import vit.model.ViTConfig;

/** The flags of the commands that also run a preset with random weights, or a model at another image size. */
final class PresetFlags {
    @Option(names = "--preset", paramLabel = "NAME", completionCandidates = Presets.class,
        description = "random weights (seed 0) of a preset instead of --weights: one of ${COMPLETION-CANDIDATES}")
    ViTConfig preset;

    @Option(names = "--image-size", paramLabel = "N", description = "run at N x N (a checkpoint's position embeddings resampled)")
    Integer imageSize;
}
