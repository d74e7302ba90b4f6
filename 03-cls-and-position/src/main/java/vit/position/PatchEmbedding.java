// SPDX-License-Identifier: MIT
package vit.position;

import java.util.List;
import vit.nn.Init;
import vit.nn.Parameter;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.einops.Einops;

/**
 * The article's {@code PatchEmbedding} as it stands after "CLS Token" and "Position Embedding": chapter
 * 02's projection, then a learned cls token prepended to every sequence and a learned position added to
 * every token: {@code [B, C, H, W] -> [B, N + 1, E]}.
 *
 * <p>Parameters: {@code cls_token} {@code [1, 1, E]} and {@code positions} {@code [N + 1, E]} (timm calls the
 * latter {@code pos_embed} and gives it a leading 1).
 */
public class PatchEmbedding extends vit.patch.PatchEmbedding {
    private final Parameter clsToken;
    private final Parameter positions;

    public PatchEmbedding(int inChannels, int patchSize, int embSize, int imgSize, Generator gen) {
        super(inChannels, patchSize, embSize, gen);
        int numPatches = (imgSize / patchSize) * (imgSize / patchSize);
        this.clsToken = registerParameter("cls_token", Init.normal(Shape.of(1, 1, embSize), 1f, gen));
        this.positions = registerParameter("positions", Init.normal(Shape.of(numPatches + 1, embSize), 1f, gen));
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor patches = projectPatches(x);                                 // [B, N, E]
        int b = patches.size(0);
        if (patches.size(1) + 1 != positions.shape().dim(0)) {
            throw new IllegalArgumentException("PatchEmbedding was built for " + (positions.shape().dim(0) - 1) + " patches, the image "
                + x.shape() + " gives " + patches.size(1));
        }
        Tensor cls = Einops.repeat(clsToken.value(), "() n e -> b n e", "b", b); // [B, 1, E]
        Tensor tokens = Tensor.cat(List.of(cls, patches), 1);               // [B, N + 1, E]
        return tokens.add(positions.value());                               // [B, N + 1, E]
    }

    /** Chapter 02's step alone: the projected patches {@code [B, N, E]}, before cls token and positions. */
    public Tensor projectPatches(Tensor x) {
        return super.forward(x);
    }

    public Parameter clsToken() {
        return clsToken;
    }

    public Parameter positions() {
        return positions;
    }
}
