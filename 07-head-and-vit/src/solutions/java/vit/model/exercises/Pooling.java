// SPDX-License-Identifier: MIT
package vit.model.exercises;

import vit.model.ClassificationHead;
import vit.model.ViT;
import vit.nn.Sequential;
import vit.tensor.Tensor;

/** Solutions of exercises 07.1 and 07.2 (see {@code 07-head-and-vit/EXERCISES.md}). */
public final class Pooling {
    private Pooling() {
    }

    /** Exercise 07.1: the article's pooling, the mean over the tokens: {@code [B, N, E] -> [B, E]}. */
    public static Tensor mean(Tensor tokens) {
        return tokens.mean(1, false);
    }

    /** Exercise 07.1: the paper's pooling, the cls token (token 0): {@code [B, N, E] -> [B, E]}. */
    public static Tensor cls(Tensor tokens) {
        return tokens.select(1, 0);
    }

    /**
     * Exercise 07.2: {@code articleVit} with cls pooling in place of mean pooling: a Sequential of its patch
     * embedding, its encoder, and a head that applies its head's LayerNorm to the tokens, takes the cls token,
     * and applies its head's Linear ({@code norm(tokens)[:, 0]}, then the Linear). No new weights.
     */
    public static Sequential withClsPooling(ViT articleVit) {
        ClassificationHead head = articleVit.head();
        Sequential clsHead = new Sequential(head.norm(), new ClassificationHead.ClsToken(), head.linear());
        return new Sequential(articleVit.patchEmbedding(), articleVit.encoder(), clsHead);
    }
}
