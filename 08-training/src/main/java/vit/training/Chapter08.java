// SPDX-License-Identifier: MIT
package vit.training;

import vit.attention.Variant;
import vit.model.ViTConfig;

/**
 * Chapter 08, training: a small ViT learns Fashion-MNIST on the CPU. This main runs a short demo; the real
 * thing is the project's command line (the {@code cli} module): {@code ./vit train --epochs 10} and
 * {@code ./vit evaluate --checkpoint target/fashion-vit.safetensors}, which call {@link TrainCommand} and
 * {@link EvaluateCommand}.
 */
public final class Chapter08 {
    /**
     * The model this chapter trains: 28 x 28 grey images cut into 49 patches of 4 x 4, tokens of 64
     * numbers, 6 blocks of 4 heads, the paper's (timm's) attention and cls-token pooling; about 0.3M parameters.
     */
    public static final ViTConfig FASHION = new ViTConfig("fashion", 1, 4, 64, 28, 6, 4, 4, 10, 0f, Variant.TIMM);

    private Chapter08() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            System.err.println("error: Chapter08 takes no arguments; train and evaluate are commands of ./vit (./vit train --help)");
            System.exit(2);
        }
        Demo.run(System.out);
    }
}
