// SPDX-License-Identifier: MIT
package vit.attention;

import java.util.List;
import vit.tensor.Tensor;

/** How the three projections sit inside a fused {@code qkv} weight, for each variant. */
public final class Qkv {
    private Qkv() {
    }

    /**
     * Stacks query, key and value weights ({@code [E, in]}) or biases ({@code [E]}) into one {@code [3E, ...]}
     * tensor whose output rows follow the variant's split: {@code (qkv h d)} for timm, {@code (h d qkv)} for
     * the article (the three interleaved row by row).
     */
    public static Tensor fuse(Tensor q, Tensor k, Tensor v, int numHeads, Variant variant) {
        Tensor stacked = Tensor.stack(List.of(q, k, v), 0);                  // [3, E, ...]
        if (variant == Variant.TIMM) {
            return stacked.reshape(concat(3 * q.size(0), q)).contiguous();   // rows (qkv h d)
        }
        Tensor interleaved = stacked.transpose(0, 1);                         // [E, 3, ...]: rows (h d qkv)
        return interleaved.reshape(concat(3 * q.size(0), q)).contiguous();
    }

    private static int[] concat(int first, Tensor like) {
        int[] d = like.shape().dims();
        d[0] = first;
        return d;
    }
}
