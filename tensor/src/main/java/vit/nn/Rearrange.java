// SPDX-License-Identifier: MIT
package vit.nn;

import vit.tensor.Tensor;
import vit.tensor.einops.Einops;

/** The einops layer {@code Rearrange(pattern, **sizes)}: a reshape/permute described by a pattern. */
public final class Rearrange extends Module {
    private final String pattern;
    private final Object[] sizes;

    /** @param nameSizePairs axis sizes, e.g. {@code "s1", 16, "s2", 16} */
    public Rearrange(String pattern, Object... nameSizePairs) {
        this.pattern = pattern;
        this.sizes = nameSizePairs.clone();
    }

    @Override
    public Tensor forward(Tensor x) {
        return Einops.rearrange(x, pattern, sizes);
    }

    @Override
    public String toString() {
        return "Rearrange('" + pattern + "')";
    }
}
