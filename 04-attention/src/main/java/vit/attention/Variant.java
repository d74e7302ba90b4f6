// SPDX-License-Identifier: MIT
package vit.attention;

/**
 * The two ViTs this tutorial builds. The article's code departs from the paper in a few places; timm's
 * checkpoints follow the paper. Both read the same weights.
 *
 * <pre>
 *                  ARTICLE                              TIMM (the paper)
 * qkv split        b n (h d qkv) -> qkv b h n d         b n (qkv h d) -> qkv b h n d
 * attention        softmax(q k^T) / sqrt(emb_size)      softmax(q k^T / sqrt(head_dim))
 * LayerNorm eps    1e-5                                 1e-6
 * pooling          norm(mean over all tokens)           norm(tokens)[:, 0], the cls token
 * </pre>
 */
public enum Variant {
    ARTICLE("b n (h d qkv) -> (qkv) b h n d", 1e-5f),
    TIMM("b n (qkv h d) -> (qkv) b h n d", 1e-6f);

    private final String qkvSplit;
    private final float layerNormEps;

    Variant(String qkvSplit, float layerNormEps) {
        this.qkvSplit = qkvSplit;
        this.layerNormEps = layerNormEps;
    }

    /** The einops pattern that splits the fused qkv projection into queries, keys and values. */
    public String qkvSplit() {
        return qkvSplit;
    }

    public float layerNormEps() {
        return layerNormEps;
    }

    /** Parses {@code article} or {@code timm}. */
    public static Variant parse(String s) {
        for (Variant v : values()) {
            if (v.name().equalsIgnoreCase(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown variant '" + s + "' (expected article or timm)");
    }
}
