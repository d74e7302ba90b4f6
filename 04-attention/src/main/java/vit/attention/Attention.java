// SPDX-License-Identifier: MIT
package vit.attention;

import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.einops.Einsum;

/**
 * The attention step shared by both multi-head attention classes, given queries, keys and values
 * {@code [B, H, N, D]}:
 * <ul>
 *   <li>ARTICLE: {@code softmax(q k^T) / sqrt(embSize)} (scaled after the softmax, by the whole width);</li>
 *   <li>TIMM, the paper: {@code softmax(q k^T / sqrt(headDim))}.</li>
 * </ul>
 * A mask {@code [N, N]} or {@code [B, 1|H, N, N]} with 1 where a query may look and 0 where it may not
 * really masks: those scores become {@code -inf} before the softmax. (The article's
 * {@code energy.mask_fill(~mask, fill_value)} is a no-op: the method is {@code masked_fill}, and the
 * result is not assigned.)
 */
public final class Attention {
    private Attention() {
    }

    /** The attention weights {@code [B, H, N, N]}; a row of each query's weights over the keys. */
    public static Tensor weights(Tensor queries, Tensor keys, int embSize, Variant variant, Tensor mask) {
        Tensor energy = Einsum.einsum("bhqd, bhkd -> bhqk", queries, keys);       // [B, H, N, N]
        if (variant == Variant.TIMM) {
            energy = energy.div((float) Math.sqrt(queries.size(-1)));
        }
        if (mask != null) {
            Tensor minusInf = Tensor.full(Shape.scalar(), Float.NEGATIVE_INFINITY, energy.device());
            energy = Tensor.where(mask.gt(0.5f), energy, minusInf);               // blocked scores -> -inf
        }
        Tensor att = energy.softmax(-1);                                           // [B, H, N, N]
        if (variant == Variant.ARTICLE) {
            att = att.div((float) Math.sqrt(embSize));
        }
        return att;
    }

    /** Mixes the values by the weights and merges the heads: {@code [B, H, N, D] -> [B, N, H*D]}. */
    public static Tensor mix(Tensor att, Tensor values) {
        Tensor out = Einsum.einsum("bhal, bhlv -> bhav", att, values);            // [B, H, N, D]
        return vit.tensor.einops.Einops.rearrange(out, "b h n d -> b n (h d)");    // [B, N, E]
    }
}
