// SPDX-License-Identifier: MIT
package vit.encoder;

import vit.attention.MultiHeadAttention;
import vit.attention.Variant;
import vit.mlp.FeedForwardBlock;
import vit.mlp.ResidualAdd;
import vit.nn.Dropout;
import vit.nn.LayerNorm;
import vit.nn.Sequential;
import vit.tensor.Generator;

/**
 * One pre-norm encoder block, a Sequential of two residual branches, as in the article:
 * {@code x = x + Dropout(MHA(LayerNorm(x)))}, then {@code x = x + Dropout(MLP(LayerNorm(x)))}.
 */
public class TransformerEncoderBlock extends Sequential {
    public TransformerEncoderBlock(int embSize, int numHeads, int expansion, float dropout, Variant variant, Generator gen) {
        super(new ResidualAdd(new Sequential(
                  new LayerNorm(embSize, variant.layerNormEps()),
                  new MultiHeadAttention(embSize, numHeads, dropout, variant, gen),
                  new Dropout(dropout, gen))),
              new ResidualAdd(new Sequential(
                  new LayerNorm(embSize, variant.layerNormEps()),
                  new FeedForwardBlock(embSize, expansion, dropout, gen),
                  new Dropout(dropout, gen))));
    }

    private Sequential branch(int i) {
        return (Sequential) ((ResidualAdd) get(i)).fn();
    }

    public LayerNorm norm1() {
        return (LayerNorm) branch(0).get(0);
    }

    public MultiHeadAttention attention() {
        return (MultiHeadAttention) branch(0).get(1);
    }

    public LayerNorm norm2() {
        return (LayerNorm) branch(1).get(0);
    }

    public FeedForwardBlock mlp() {
        return (FeedForwardBlock) branch(1).get(1);
    }
}
