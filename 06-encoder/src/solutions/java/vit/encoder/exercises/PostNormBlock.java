// SPDX-License-Identifier: MIT
package vit.encoder.exercises;

import vit.attention.MultiHeadAttention;
import vit.encoder.TransformerEncoderBlock;
import vit.mlp.FeedForwardBlock;
import vit.nn.LayerNorm;
import vit.nn.Module;
import vit.tensor.Tensor;

/**
 * Solution of exercise 06.2 (see {@code 06-encoder/EXERCISES.md}): the post-norm block of "Attention Is
 * All You Need", sharing its layers with a pre-norm block.
 */
public final class PostNormBlock extends Module {
    private final LayerNorm norm1;
    private final MultiHeadAttention attention;
    private final LayerNorm norm2;
    private final FeedForwardBlock mlp;

    public PostNormBlock(TransformerEncoderBlock source) {
        this.norm1 = registerModule("norm1", source.norm1());
        this.attention = registerModule("attn", source.attention());
        this.norm2 = registerModule("norm2", source.norm2());
        this.mlp = registerModule("mlp", source.mlp());
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = norm1.apply(x.add(attention.apply(x)));     // normalise AFTER the residual add
        return norm2.apply(h.add(mlp.apply(h)));
    }
}
