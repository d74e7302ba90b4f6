// SPDX-License-Identifier: MIT
package vit.position.exercises;

import vit.nn.Parameter;
import vit.tensor.Generator;
import vit.tensor.Tensor;

/**
 * Exercise 03.3 (see {@code 03-cls-and-position/EXERCISES.md}): chapter 03's patch embedding with fixed
 * 2-D sin-cos positions instead of learned ones. Like {@code vit.position.PatchEmbedding}, it extends
 * chapter 02's {@code vit.patch.PatchEmbedding} and registers a learned {@code cls_token} {@code [1, 1, E]};
 * the positions {@code [N + 1, E]} come from {@link SinCos#twoD} and are not a parameter.
 */
public class SinCosPatchEmbedding extends vit.patch.PatchEmbedding {
    public SinCosPatchEmbedding(int inChannels, int patchSize, int embSize, int imgSize, Generator gen) {
        super(inChannels, patchSize, embSize, gen);
        // Exercise 03.3: register the cls token, build the fixed positions.
    }

    /** {@code [B, C, H, W] -> [B, N + 1, E]}: cls token first, then the patches, plus the positions. */
    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("Exercise 03.3: prepend the cls token and add the fixed positions (SinCosPatchEmbedding.forward)");
    }

    public Parameter clsToken() {
        throw new UnsupportedOperationException("Exercise 03.3: return the cls token (SinCosPatchEmbedding.clsToken)");
    }

    /** The fixed positions {@code [N + 1, E]}. */
    public Tensor positions() {
        throw new UnsupportedOperationException("Exercise 03.3: return the fixed positions (SinCosPatchEmbedding.positions)");
    }
}
