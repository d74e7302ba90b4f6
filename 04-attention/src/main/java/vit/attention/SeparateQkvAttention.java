// SPDX-License-Identifier: MIT
package vit.attention;

import vit.nn.Dropout;
import vit.nn.Linear;
import vit.nn.Module;
import vit.tensor.Generator;
import vit.tensor.Tensor;
import vit.tensor.einops.Einops;

/**
 * The article's first multi-head attention: three separate Linear layers for queries, keys and values,
 * each split into heads with {@code b n (h d) -> b h n d}. {@link MultiHeadAttention} fuses the three into
 * one {@code qkv} Linear; {@link #toFused()} shows they are the same computation.
 */
public final class SeparateQkvAttention extends Module {
    private final int embSize;
    private final int numHeads;
    private final Variant variant;
    private final Linear keys;
    private final Linear queries;
    private final Linear values;
    private final Dropout attDrop;
    private final Linear projection;

    public SeparateQkvAttention(int embSize, int numHeads, float dropout, Variant variant, Generator gen) {
        this.embSize = embSize;
        this.numHeads = numHeads;
        this.variant = variant;
        this.keys = registerModule("keys", new Linear(embSize, embSize, gen));
        this.queries = registerModule("queries", new Linear(embSize, embSize, gen));
        this.values = registerModule("values", new Linear(embSize, embSize, gen));
        this.attDrop = registerModule("att_drop", new Dropout(dropout, gen));
        this.projection = registerModule("projection", new Linear(embSize, embSize, gen));
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    public Tensor forward(Tensor x, Tensor mask) {
        Tensor q = heads(queries.apply(x));                                   // [B, H, N, D]
        Tensor k = heads(keys.apply(x));                                      // [B, H, N, D]
        Tensor v = heads(values.apply(x));                                    // [B, H, N, D]
        Tensor att = attDrop.apply(Attention.weights(q, k, embSize, variant, mask)); // [B, H, N, N]
        return projection.apply(Attention.mix(att, v));                      // [B, N, E]
    }

    private Tensor heads(Tensor t) {
        return Einops.rearrange(t, "b n (h d) -> b h n d", "h", numHeads);
    }

    /**
     * The same layer with one fused {@code qkv} Linear: its weight stacks the query, key and value weights
     * in the order the variant's split pattern reads them.
     */
    public MultiHeadAttention toFused(Generator gen) {
        MultiHeadAttention fused = new MultiHeadAttention(embSize, numHeads, 0f, variant, gen);
        fused.qkv().weight().set(Qkv.fuse(queries.weight().value(), keys.weight().value(), values.weight().value(), numHeads, variant));
        fused.qkv().bias().set(Qkv.fuse(queries.bias().value(), keys.bias().value(), values.bias().value(), numHeads, variant));
        fused.projection().weight().set(projection.weight().value().copy());
        fused.projection().bias().set(projection.bias().value().copy());
        return fused;
    }

    public Linear queries() {
        return queries;
    }

    public Linear keys() {
        return keys;
    }

    public Linear values() {
        return values;
    }

    public Linear projection() {
        return projection;
    }
}
