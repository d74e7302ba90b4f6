// SPDX-License-Identifier: MIT
package vit.position.exercises;

import java.util.List;
import vit.nn.Init;
import vit.nn.Parameter;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.einops.Einops;

/**
 * Solution of exercise 03.3 (see {@code 03-cls-and-position/EXERCISES.md}): chapter 03's patch embedding
 * with fixed 2-D sin-cos positions. Only the cls token is learned; the positions are a plain tensor.
 */
public class SinCosPatchEmbedding extends vit.patch.PatchEmbedding {
    private final Parameter clsToken;
    private final Tensor positions;

    public SinCosPatchEmbedding(int inChannels, int patchSize, int embSize, int imgSize, Generator gen) {
        super(inChannels, patchSize, embSize, gen);
        this.clsToken = registerParameter("cls_token", Init.normal(Shape.of(1, 1, embSize), 1f, gen));
        this.positions = SinCos.twoD(embSize, imgSize / patchSize, true);          // [N + 1, E], fixed
    }

    /** {@code [B, C, H, W] -> [B, N + 1, E]}: cls token first, then the patches, plus the positions. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor patches = super.forward(x);                                        // [B, N, E]
        Tensor cls = Einops.repeat(clsToken.value(), "() n e -> b n e", "b", patches.size(0));
        return Tensor.cat(List.of(cls, patches), 1).add(positions);              // [B, N + 1, E]
    }

    public Parameter clsToken() {
        return clsToken;
    }

    /** The fixed positions {@code [N + 1, E]}. */
    public Tensor positions() {
        return positions;
    }
}
