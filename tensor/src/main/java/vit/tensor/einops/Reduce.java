// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import java.util.Map;
import vit.nn.Module;
import vit.tensor.Tensor;

/**
 * {@link Einops#reduce} as a layer: the ViT's classification head starts with
 * {@code new Reduce("b n e -> b e", "mean")}, averaging the tokens of each image.
 * The pattern and the reduction are checked when the layer is built.
 */
public final class Reduce extends Module {
    private final String pattern;
    private final String reduction;
    private final Map<String, Integer> sizes;

    public Reduce(String pattern, String reduction, Map<String, Integer> sizes) {
        this.pattern = pattern;
        this.reduction = reduction;
        this.sizes = Map.copyOf(sizes);
        Reduction.named(pattern, reduction);
        Operation.REDUCE.check(PatternCache.parse("reduce", pattern), this.sizes);
    }

    /** Sizes as name, size pairs: {@code new Reduce("b c (h 2) (w 2) -> b c h w", "max")}. */
    public Reduce(String pattern, String reduction, Object... nameSizePairs) {
        this(pattern, reduction, Einops.sizes("reduce", pattern, nameSizePairs));
    }

    @Override
    public Tensor forward(Tensor x) {
        return Einops.reduce(x, pattern, reduction, sizes);
    }

    public String pattern() {
        return pattern;
    }

    public String reduction() {
        return reduction;
    }

    /** The sizes given by name (unmodifiable). */
    public Map<String, Integer> sizes() {
        return sizes;
    }

    /** einops' form: {@code Reduce('b n e -> b e', 'mean')}. */
    @Override
    public String toString() {
        return "Reduce('" + pattern + "', '" + reduction + "'" + LayerText.sizes(pattern, sizes) + ")";
    }
}
