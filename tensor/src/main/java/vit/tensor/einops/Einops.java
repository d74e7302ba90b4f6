// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import vit.tensor.Tensor;

/**
 * einops' {@code rearrange}, {@code reduce} and {@code repeat}: tensor reshaping written as a readable
 * pattern instead of a chain of reshape/permute calls. The ViT cuts an image into patches with
 * <pre>{@code
 * rearrange(img, "b c (h s1) (w s2) -> b (h w) (s1 s2 c)", "s1", 16, "s2", 16)  // [1, 3, 224, 224] -> [1, 196, 768]
 * }</pre>
 * Patterns name each axis; {@code (h s1)} is one dimension made of two axes (h outer, s1 inner), {@code ()}
 * or {@code 1} a dimension of size 1, {@code ...} all the dimensions not named. Sizes that the input
 * shape cannot tell (how to split 224 into h and s1) are given by name. Everything is built from public
 * {@link Tensor} operations, so the results have gradients and run on the tensor's device.
 */
public final class Einops {
    private Einops() {
    }

    /** Reorders, splits and merges axes; every axis appears on both sides. */
    public static Tensor rearrange(Tensor x, String pattern, Map<String, Integer> sizes) {
        return run(Operation.REARRANGE, x, pattern, sizes, null);
    }

    /** {@link #rearrange(Tensor, String, Map)} with sizes as name, size pairs: {@code "s1", 16, "s2", 16}. */
    public static Tensor rearrange(Tensor x, String pattern, Object... nameSizePairs) {
        return rearrange(x, pattern, sizes("rearrange", pattern, nameSizePairs));
    }

    /**
     * Rearranges and reduces the axes missing on the right with {@code reduction}, one of {@code "mean"},
     * {@code "sum"}, {@code "max"}, {@code "min"}: {@code reduce(x, "b n e -> b e", "mean")} averages over n.
     */
    public static Tensor reduce(Tensor x, String pattern, String reduction, Map<String, Integer> sizes) {
        return run(Operation.REDUCE, x, pattern, sizes, Reduction.named(pattern, reduction));
    }

    public static Tensor reduce(Tensor x, String pattern, String reduction, Object... nameSizePairs) {
        return reduce(x, pattern, reduction, sizes("reduce", pattern, nameSizePairs));
    }

    /**
     * Rearranges and adds the axes new on the right, copying the numbers into them:
     * {@code repeat(cls, "() n e -> b n e", "b", 4)} gives each of 4 images the same class token.
     */
    public static Tensor repeat(Tensor x, String pattern, Map<String, Integer> sizes) {
        return run(Operation.REPEAT, x, pattern, sizes, null);
    }

    public static Tensor repeat(Tensor x, String pattern, Object... nameSizePairs) {
        return repeat(x, pattern, sizes("repeat", pattern, nameSizePairs));
    }

    private static Tensor run(Operation op, Tensor x, String pattern, Map<String, Integer> sizes, Reduction reduction) {
        if (x == null) {
            throw new IllegalArgumentException(op.label() + " \"" + pattern + "\": the tensor is null");
        }
        Map<String, Integer> given = sizes == null ? Map.of() : sizes;
        Pattern p = PatternCache.parse(op.label(), pattern);
        op.check(p, given);
        return Recipe.apply(op, p, given, reduction, x);
    }

    /** {@code "s1", 16, "s2", 16} as a map, or an error saying which argument is not a name or a size. */
    static Map<String, Integer> sizes(String operation, String pattern, Object... pairs) {
        if (pairs == null || pairs.length == 0) {
            return Map.of();
        }
        if (pairs.length % 2 != 0) {
            throw new EinopsException(operation, pattern, "axis sizes come in name, size pairs, got " + pairs.length + " argument"
                + (pairs.length == 1 ? "" : "s"));
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (!(pairs[i] instanceof String name)) {
                throw new EinopsException(operation, pattern, "argument " + i + " of the sizes should be an axis name, got "
                    + describe(pairs[i]));
            }
            if (!(pairs[i + 1] instanceof Integer size)) {
                throw new EinopsException(operation, pattern, "argument " + (i + 1) + " of the sizes should be the size of '" + name
                    + "' (an int), got " + describe(pairs[i + 1]));
            }
            if (out.put(name, size) != null) {
                throw new EinopsException(operation, pattern, "axis '" + name + "' is given a size twice");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static String describe(Object o) {
        return o == null ? "null" : o.getClass().getSimpleName() + " " + o;
    }
}
