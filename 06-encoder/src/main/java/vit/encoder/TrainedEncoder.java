// SPDX-License-Identifier: MIT
package vit.encoder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import vit.attention.TrainedAttention;
import vit.attention.Variant;
import vit.data.FashionVit;
import vit.position.PatchEmbedding;
import vit.tensor.Generator;
import vit.tensor.Tensor;
import vit.tensor.io.SafeTensors;

/**
 * The encoder of the ViT that chapter 08 trained on Fashion-MNIST ({@link FashionVit}): chapter 04's
 * {@link TrainedAttention} gives the patch embedding, and every block's weights are read by timm's names
 * ({@code blocks.i.norm1}, {@code attn.qkv}, {@code attn.proj}, {@code norm2}, {@code mlp.fc1}, {@code mlp.fc2})
 * into this chapter's {@link TransformerEncoder}. The same layers with random weights are the comparison.
 */
public record TrainedEncoder(PatchEmbedding embedding, TransformerEncoder encoder) {
    /** The tokens before the encoder ({@code [1, N + 1, E]}), then after each block: {@code depth + 1} tensors. */
    public java.util.List<Tensor> tokens(Tensor image) {
        java.util.List<Tensor> out = new java.util.ArrayList<>();
        Tensor h = embedding.apply(image);
        out.add(h);
        for (int i = 0; i < encoder.size(); i++) {
            h = encoder.block(i).apply(h);
            out.add(h);
        }
        return out;
    }

    /** The model's layers with its trained weights. */
    public static TrainedEncoder trained(Path model) throws IOException {
        Map<String, Tensor> t = SafeTensors.read(model);
        TrainedEncoder e = new TrainedEncoder(TrainedAttention.trained(model).embedding(), encoder(t, model, new Generator(0)));
        for (int i = 0; i < e.encoder.size(); i++) {
            TransformerEncoderBlock b = e.encoder.block(i);
            String p = "blocks." + i + ".";
            FashionVit.load(b.norm1().weight(), t, p + "norm1.weight", model);
            FashionVit.load(b.norm1().bias(), t, p + "norm1.bias", model);
            FashionVit.load(b.attention().qkv().weight(), t, p + "attn.qkv.weight", model);
            FashionVit.load(b.attention().qkv().bias(), t, p + "attn.qkv.bias", model);
            FashionVit.load(b.attention().projection().weight(), t, p + "attn.proj.weight", model);
            FashionVit.load(b.attention().projection().bias(), t, p + "attn.proj.bias", model);
            FashionVit.load(b.norm2().weight(), t, p + "norm2.weight", model);
            FashionVit.load(b.norm2().bias(), t, p + "norm2.bias", model);
            FashionVit.load(b.mlp().fc1().weight(), t, p + "mlp.fc1.weight", model);
            FashionVit.load(b.mlp().fc1().bias(), t, p + "mlp.fc1.bias", model);
            FashionVit.load(b.mlp().fc2().weight(), t, p + "mlp.fc2.weight", model);
            FashionVit.load(b.mlp().fc2().bias(), t, p + "mlp.fc2.bias", model);
        }
        return e;
    }

    /** The same sizes with random weights (seeded). */
    public static TrainedEncoder random(Path model, Generator gen) throws IOException {
        Map<String, Tensor> t = SafeTensors.read(model);
        return new TrainedEncoder(TrainedAttention.random(model, gen).embedding(), encoder(t, model, gen));
    }

    /** An encoder of the file's depth (the {@code blocks.i} count), width, heads and MLP expansion ({@code fc1} rows / width). */
    private static TransformerEncoder encoder(Map<String, Tensor> t, Path model, Generator gen) throws IOException {
        int depth = 0;
        while (t.containsKey("blocks." + depth + ".norm1.weight")) {
            depth++;
        }
        Tensor fc1 = t.get("blocks.0.mlp.fc1.weight");
        if (depth == 0 || fc1 == null) {
            throw new IOException(model + ": no blocks.0.norm1.weight or blocks.0.mlp.fc1.weight: not a ViT's encoder");
        }
        int emb = fc1.size(1);
        int heads = Integer.parseInt(SafeTensors.readMetadata(model).getOrDefault("vit.num_heads", "0").strip());
        if (heads < 1) {
            throw new IOException(model + ": no vit.num_heads in the metadata");
        }
        return new TransformerEncoder(depth, emb, heads, fc1.size(0) / emb, 0f, Variant.TIMM, gen);
    }
}
