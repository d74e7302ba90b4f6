// SPDX-License-Identifier: MIT
package vit.encoder.exercises;

import vit.encoder.TransformerEncoderBlock;
import vit.nn.Module;
import vit.tensor.Tensor;

/**
 * Exercise 06.2 (see {@code 06-encoder/EXERCISES.md}): the original Transformer's post-norm block,
 * {@code h = LayerNorm1(x + MHA(x))}, then {@code LayerNorm2(h + MLP(h))}, built from the same layers (and
 * so the same weights) as a pre-norm {@code source} block. Register them so that {@code parameterCount()}
 * counts them. Check it with {@code mvn -pl 06-encoder test -Pexercises}.
 */
public final class PostNormBlock extends Module {
    public PostNormBlock(TransformerEncoderBlock source) {
        // Exercise 06.2: register source.norm1(), source.attention(), source.norm2() and source.mlp().
    }

    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("Exercise 06.2: normalise after each residual add (PostNormBlock.forward)");
    }
}
