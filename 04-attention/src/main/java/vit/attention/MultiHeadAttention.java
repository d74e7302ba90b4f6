// SPDX-License-Identifier: MIT
package vit.attention;

import java.util.Map;
import vit.nn.Dropout;
import vit.nn.Linear;
import vit.nn.Module;
import vit.tensor.Generator;
import vit.tensor.Tensor;
import vit.tensor.einops.Einops;

/**
 * Multi-head self-attention with one fused projection for queries, keys and values, as the article ends
 * up writing it: {@code [B, N, E] -> [B, N, E]}. Parameters: {@code qkv} (E to 3E) and {@code projection}
 * (E to E); {@link Variant} picks the article's or the paper's qkv split and scaling.
 */
public class MultiHeadAttention extends Module {
    private final int embSize;
    private final int numHeads;
    private final Variant variant;
    private final Linear qkv;
    private final Dropout attDrop;
    private final Linear projection;

    public MultiHeadAttention(int embSize, int numHeads, float dropout, Variant variant, Generator gen) {
        if (embSize % numHeads != 0) {
            throw new IllegalArgumentException("embSize " + embSize + " is not divisible by numHeads " + numHeads);
        }
        this.embSize = embSize;
        this.numHeads = numHeads;
        this.variant = variant;
        this.qkv = registerModule("qkv", new Linear(embSize, 3 * embSize, gen));
        this.attDrop = registerModule("att_drop", new Dropout(dropout, gen));
        this.projection = registerModule("projection", new Linear(embSize, embSize, gen));
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /** Attention where {@code mask} (1 = may attend, 0 = may not; {@code [N, N]} or broadcastable to {@code [B, H, N, N]}) is honoured. */
    public Tensor forward(Tensor x, Tensor mask) {
        Tensor qkvs = split(x);                                               // [3, B, H, N, D]
        Tensor att = Attention.weights(qkvs.select(0, 0), qkvs.select(0, 1), embSize, variant, mask); // [B, H, N, N]
        return projection.apply(Attention.mix(attDrop.apply(att), qkvs.select(0, 2))); // [B, N, E]
    }

    /** The attention weights {@code [B, H, N, N]} this layer computes for {@code x} (before dropout). */
    public Tensor attention(Tensor x, Tensor mask) {
        Tensor qkvs = split(x);                                               // [3, B, H, N, D]
        return Attention.weights(qkvs.select(0, 0), qkvs.select(0, 1), embSize, variant, mask);
    }

    /** Queries, keys and values stacked: {@code [3, B, H, N, D]}. */
    private Tensor split(Tensor x) {
        if (x.rank() != 3 || x.size(-1) != embSize) {
            throw new IllegalArgumentException("MultiHeadAttention expects [B, N, " + embSize + "], got " + x.shape());
        }
        return Einops.rearrange(qkv.apply(x), variant.qkvSplit(), Map.of("h", numHeads, "qkv", 3));
    }

    public Linear qkv() {
        return qkv;
    }

    public Linear projection() {
        return projection;
    }

    public int numHeads() {
        return numHeads;
    }

    public Variant variant() {
        return variant;
    }

    @Override
    public String toString() {
        return "MultiHeadAttention(emb_size=" + embSize + ", num_heads=" + numHeads + ", variant=" + variant + ")";
    }
}
