// SPDX-License-Identifier: MIT
package vit.patch;

import vit.nn.Linear;
import vit.nn.Module;
import vit.tensor.einops.Rearrange;
import vit.nn.Sequential;
import vit.tensor.Generator;
import vit.tensor.Tensor;

/**
 * The article's first patch embedding: flatten each patch with einops
 * ({@code b c (h s1) (w s2) -> b (h w) (s1 s2 c)}), then a Linear from {@code p*p*C} to {@code embSize}.
 * It computes the same map as {@link PatchEmbedding}'s Conv2d once the weights are rearranged
 * ({@link #fromConv}).
 */
public final class LinearPatchEmbedding extends Module {
    private final Sequential projection;

    public LinearPatchEmbedding(int inChannels, int patchSize, int embSize, Generator gen) {
        this.projection = registerModule("projection", new Sequential(
            new Rearrange("b c (h s1) (w s2) -> b (h w) (s1 s2 c)", "s1", patchSize, "s2", patchSize), // [B, N, p*p*C]
            new Linear(patchSize * patchSize * inChannels, embSize, gen)));                               // [B, N, E]
    }

    @Override
    public Tensor forward(Tensor x) {
        return projection.apply(x);
    }

    public Linear linear() {
        return (Linear) projection.get(1);
    }

    /**
     * Copies a Conv2d's weights into this Linear: the conv weight {@code [E, C, p, p]} becomes
     * {@code [E, p*p*C]} in the {@code (s1 s2 c)} order the rearrange uses.
     */
    public LinearPatchEmbedding fromConv(PatchEmbedding conv) {
        Tensor w = conv.conv().weight().value();                        // [E, C, p, p]
        Tensor flat = w.permute(0, 2, 3, 1).reshape(w.size(0), -1);      // [E, p*p*C]
        linear().weight().set(flat.contiguous());
        linear().bias().set(conv.conv().bias().value().copy());
        return this;
    }
}
