// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import java.util.Map;
import vit.nn.Module;
import vit.tensor.Tensor;

/**
 * {@link Einops#rearrange} as a layer, so a model can list it among its parts: the ViT's patch embedding
 * starts with {@code new Rearrange("b c (h s1) (w s2) -> b (h w) (s1 s2 c)", "s1", 16, "s2", 16)}.
 * The pattern is parsed and checked when the layer is built, so a typo fails at construction.
 */
public final class Rearrange extends Module {
    private final String pattern;
    private final Map<String, Integer> sizes;

    public Rearrange(String pattern, Map<String, Integer> sizes) {
        this.pattern = pattern;
        this.sizes = Map.copyOf(sizes);
        Operation.REARRANGE.check(PatternCache.parse("rearrange", pattern), this.sizes);
    }

    /** Sizes as name, size pairs: {@code new Rearrange(pattern, "s1", 16, "s2", 16)}. */
    public Rearrange(String pattern, Object... nameSizePairs) {
        this(pattern, Einops.sizes("rearrange", pattern, nameSizePairs));
    }

    @Override
    public Tensor forward(Tensor x) {
        return Einops.rearrange(x, pattern, sizes);
    }

    public String pattern() {
        return pattern;
    }

    /** The sizes given by name (unmodifiable). */
    public Map<String, Integer> sizes() {
        return sizes;
    }

    /** einops' form: {@code Rearrange('b c (h s1) (w s2) -> b (h w) (s1 s2 c)', s1=16, s2=16)}. */
    @Override
    public String toString() {
        return "Rearrange('" + pattern + "'" + LayerText.sizes(pattern, sizes) + ")";
    }
}
