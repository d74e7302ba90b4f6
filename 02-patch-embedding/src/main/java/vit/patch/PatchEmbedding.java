// SPDX-License-Identifier: MIT
package vit.patch;

import vit.nn.Conv2d;
import vit.nn.Module;
import vit.tensor.einops.Rearrange;
import vit.nn.Sequential;
import vit.tensor.Generator;
import vit.tensor.Tensor;

/**
 * Cuts an image into {@code patchSize x patchSize} patches and projects each to {@code embSize} numbers,
 * with a Conv2d whose kernel and stride are both the patch size (the article's "performance" version):
 * {@code [B, C, H, W] -> [B, (H/p)(W/p), embSize]}.
 *
 * <p>Introduced in chapter 02; chapter 03 extends it with the cls token and the positions.
 */
public class PatchEmbedding extends Module {
    private final int patchSize;
    private final Sequential projection;

    public PatchEmbedding(int inChannels, int patchSize, int embSize, Generator gen) {
        this.patchSize = patchSize;
        this.projection = registerModule("projection", new Sequential(
            new Conv2d(inChannels, embSize, patchSize, patchSize, 0, gen), // [B, E, H/p, W/p]
            new Rearrange("b e (h) (w) -> b (h w) e")));                   // [B, N, E]
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.size(2) % patchSize != 0 || x.size(3) % patchSize != 0) {
            throw new IllegalArgumentException("PatchEmbedding expects images [B, C, H, W] with H and W multiples of the patch size "
                + patchSize + ", got " + x.shape());
        }
        return projection.apply(x);
    }

    /** The Conv2d that projects the patches. */
    public Conv2d conv() {
        return (Conv2d) projection.get(0);
    }

    public int patchSize() {
        return patchSize;
    }
}
