// SPDX-License-Identifier: MIT
package vit.model.exercises;

import vit.nn.Sequential;
import vit.model.ViT;
import vit.tensor.Tensor;

/**
 * Exercises 07.1 and 07.2 (see {@code 07-head-and-vit/EXERCISES.md}): two ways to pool the tokens into one
 * vector per image, and the article's ViT with the paper's. Replace each {@code throw} with your code, then
 * check it: {@code mvn -pl 07-head-and-vit test -Pexercises}.
 */
public final class Pooling {
    private Pooling() {
    }

    /** Exercise 07.1: the article's pooling, the mean over the tokens: {@code [B, N, E] -> [B, E]}. */
    public static Tensor mean(Tensor tokens) {
        throw new UnsupportedOperationException("Exercise 07.1: mean pooling (Pooling.mean)");
    }

    /** Exercise 07.1: the paper's pooling, the cls token (token 0): {@code [B, N, E] -> [B, E]}. */
    public static Tensor cls(Tensor tokens) {
        throw new UnsupportedOperationException("Exercise 07.1: cls pooling (Pooling.cls)");
    }

    /**
     * Exercise 07.2: {@code articleVit} with cls pooling in place of mean pooling: a Sequential of its patch
     * embedding, its encoder, and a head that applies its head's LayerNorm to the tokens, takes the cls token,
     * and applies its head's Linear ({@code norm(tokens)[:, 0]}, then the Linear). No new weights.
     */
    public static Sequential withClsPooling(ViT articleVit) {
        throw new UnsupportedOperationException("Exercise 07.2: the article's ViT with cls pooling (Pooling.withClsPooling)");
    }
}
