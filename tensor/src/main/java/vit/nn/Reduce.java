// SPDX-License-Identifier: MIT
package vit.nn;

import vit.tensor.Tensor;
import vit.tensor.einops.Einops;

/** The einops layer {@code Reduce(pattern, reduction)}, e.g. {@code Reduce("b n e -> b e", "mean")}. */
public final class Reduce extends Module {
    private final String pattern;
    private final String reduction;
    private final Object[] sizes;

    public Reduce(String pattern, String reduction, Object... nameSizePairs) {
        this.pattern = pattern;
        this.reduction = reduction;
        this.sizes = nameSizePairs.clone();
    }

    @Override
    public Tensor forward(Tensor x) {
        return Einops.reduce(x, pattern, reduction, sizes);
    }

    @Override
    public String toString() {
        return "Reduce('" + pattern + "', '" + reduction + "')";
    }
}
