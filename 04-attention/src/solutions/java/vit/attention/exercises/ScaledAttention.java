// SPDX-License-Identifier: MIT
package vit.attention.exercises;

import vit.attention.MultiHeadAttention;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/** Solutions of exercises 04.1, 04.2 and 04.4 (see {@code 04-attention/EXERCISES.md}). */
public final class ScaledAttention {
    private ScaledAttention() {
    }

    /** Exercise 04.1: the paper's weights {@code softmax(q k^T / sqrt(headDim))}: {@code [B, H, N, D] -> [B, H, N, N]}. */
    public static Tensor weights(Tensor queries, Tensor keys) {
        return weights(queries, keys, null);
    }

    /** Exercise 04.2: a causal mask {@code [n, n]}: 1 where query q may look at key k (k <= q), 0 elsewhere. */
    public static Tensor causalMask(int n) {
        float[] m = new float[n * n];
        for (int q = 0; q < n; q++) {
            for (int k = 0; k <= q; k++) {
                m[q * n + k] = 1f;
            }
        }
        return Tensor.of(m, Shape.of(n, n));
    }

    /**
     * Exercise 04.2: the paper's weights where {@code mask} ({@code [N, N]}, 1 = may look, 0 = may not) is
     * honoured: a blocked key gets weight exactly 0 and each row still sums to 1.
     */
    public static Tensor weights(Tensor queries, Tensor keys, Tensor mask) {
        float scale = (float) Math.sqrt(queries.size(-1));
        Tensor scores = queries.matmul(keys.mT()).div(scale);                  // [B, H, N, N], scaled BEFORE the softmax
        if (mask != null) {
            scores = scores.maskedFill(mask.lt(Tensor.scalar(0.5f)), Float.NEGATIVE_INFINITY); // exp(-inf) = 0
        }
        return scores.softmax(-1);
    }

    /**
     * Exercise 04.4: the whole forward pass of a {@code Variant.TIMM} {@link MultiHeadAttention}, with its
     * {@code qkv()} and {@code projection()} layers but your own split into heads (reshape and permute, no
     * einops), your {@link #weights}, and your merge of the heads: {@code [B, N, E] -> [B, N, E]}.
     */
    public static Tensor forward(MultiHeadAttention attention, Tensor x) {
        int b = x.size(0);
        int n = x.size(1);
        int e = x.size(2);
        int h = attention.numHeads();
        Tensor qkv = attention.qkv().apply(x);                                 // [B, N, 3E], columns (qkv h d)
        Tensor split = qkv.reshape(b, n, 3, h, e / h).permute(2, 0, 3, 1, 4);  // [3, B, H, N, D]
        Tensor att = weights(split.select(0, 0), split.select(0, 1));          // [B, H, N, N]
        Tensor out = att.matmul(split.select(0, 2));                           // [B, H, N, D]
        Tensor merged = out.permute(0, 2, 1, 3).reshape(b, n, e);              // [B, N, (h d)]
        return attention.projection().apply(merged);
    }
}
