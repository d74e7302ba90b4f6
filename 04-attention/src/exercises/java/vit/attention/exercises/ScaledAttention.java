// SPDX-License-Identifier: MIT
package vit.attention.exercises;

import vit.attention.MultiHeadAttention;
import vit.tensor.Tensor;

/**
 * Exercises 04.1, 04.2 and 04.4 (see {@code 04-attention/EXERCISES.md}): attention as the paper defines
 * it, with a mask that works. Replace each {@code throw} with your code, then check it:
 * {@code mvn -pl 04-attention test -Pexercises}.
 */
public final class ScaledAttention {
    private ScaledAttention() {
    }

    /** Exercise 04.1: the paper's weights {@code softmax(q k^T / sqrt(headDim))}: {@code [B, H, N, D] -> [B, H, N, N]}. */
    public static Tensor weights(Tensor queries, Tensor keys) {
        throw new UnsupportedOperationException("Exercise 04.1: scale before the softmax (ScaledAttention.weights)");
    }

    /** Exercise 04.2: a causal mask {@code [n, n]}: 1 where query q may look at key k (k <= q), 0 elsewhere. */
    public static Tensor causalMask(int n) {
        throw new UnsupportedOperationException("Exercise 04.2: build a causal mask (ScaledAttention.causalMask)");
    }

    /**
     * Exercise 04.2: the paper's weights where {@code mask} ({@code [N, N]}, 1 = may look, 0 = may not) is
     * honoured: a blocked key gets weight exactly 0 and each row still sums to 1.
     */
    public static Tensor weights(Tensor queries, Tensor keys, Tensor mask) {
        throw new UnsupportedOperationException("Exercise 04.2: mask the scores before the softmax (ScaledAttention.weights with a mask)");
    }

    /**
     * Exercise 04.4: the whole forward pass of a {@code Variant.TIMM} {@link MultiHeadAttention}, with its
     * {@code qkv()} and {@code projection()} layers but your own split into heads (reshape and permute, no
     * einops), your {@link #weights}, and your merge of the heads: {@code [B, N, E] -> [B, N, E]}.
     */
    public static Tensor forward(MultiHeadAttention attention, Tensor x) {
        throw new UnsupportedOperationException("Exercise 04.4: multi-head attention by hand (ScaledAttention.forward)");
    }
}
