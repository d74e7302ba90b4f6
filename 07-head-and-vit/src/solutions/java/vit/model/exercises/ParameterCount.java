// SPDX-License-Identifier: MIT
package vit.model.exercises;

import vit.model.ViTConfig;

/** Solution of exercise 07.3 (see {@code 07-head-and-vit/EXERCISES.md}). */
public final class ParameterCount {
    private ParameterCount() {
    }

    /** Exercise 07.3: the learnable numbers in {@code new ViT(config, gen)}, from the config's numbers alone. */
    public static long of(ViTConfig c) {
        long e = c.embSize();
        long p = c.patchSize();
        long hidden = c.expansion() * e;
        long patchEmbedding = e * c.inChannels() * p * p + e;         // Conv2d(C, E, p, stride p): weight, bias
        long clsAndPositions = e + (c.numPatches() + 1L) * e;         // cls_token [1, 1, E], positions [N + 1, E]
        long block = 2 * (2 * e)                                      // norm1, norm2
            + (e * 3 * e + 3 * e) + (e * e + e)                       // qkv, projection (heads are free)
            + (e * hidden + hidden) + (hidden * e + e);               // fc1, fc2
        long head = 2 * e + (e * c.nClasses() + c.nClasses());        // LayerNorm, Linear(E, classes)
        return patchEmbedding + clsAndPositions + c.depth() * block + head;
    }
}
