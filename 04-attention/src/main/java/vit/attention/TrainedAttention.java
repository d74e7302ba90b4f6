// SPDX-License-Identifier: MIT
package vit.attention;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import vit.data.FashionVit;
import vit.nn.LayerNorm;
import vit.position.PatchEmbedding;
import vit.tensor.Generator;
import vit.tensor.Tensor;
import vit.tensor.io.SafeTensors;

/**
 * The first attention layer of the ViT that chapter 08 trained on Fashion-MNIST ({@link FashionVit}), with what
 * comes before it: patch embedding with cls token and positions (chapter 03), the block's LayerNorm, and this
 * chapter's {@link MultiHeadAttention}, its weights read from the safetensors file by timm's names. The same
 * layers with random weights are the comparison.
 */
public record TrainedAttention(PatchEmbedding embedding, LayerNorm norm, MultiHeadAttention attention) {
    /** The attention weights of block 0 for a normalised picture {@code [1, C, H, W]}: {@code [1, H, N + 1, N + 1]}. */
    public Tensor weights(Tensor image) {
        return attention.attention(norm.apply(embedding.apply(image)), null);
    }

    /**
     * The layers of {@code model} with random weights (seeded), sized as the file says: width, channels and patch
     * from {@code patch_embed.proj.weight [E, C, p, p]}, the image from {@code pos_embed [1, N + 1, E]}, the heads
     * from the metadata's {@code vit.num_heads}.
     */
    public static TrainedAttention random(Path model, Generator gen) throws IOException {
        Map<String, Tensor> t = SafeTensors.read(model);
        return random(t, heads(model), gen, model);
    }

    /** The layers of {@code model} with its trained weights. */
    public static TrainedAttention trained(Path model) throws IOException {
        Map<String, Tensor> t = SafeTensors.read(model);
        TrainedAttention a = random(t, heads(model), new Generator(0), model);
        FashionVit.load(a.embedding.conv().weight(), t, "patch_embed.proj.weight", model);
        FashionVit.load(a.embedding.conv().bias(), t, "patch_embed.proj.bias", model);
        FashionVit.load(a.embedding.clsToken(), t, "cls_token", model);
        FashionVit.load(a.embedding.positions(), t, "pos_embed", model);
        FashionVit.load(a.norm.weight(), t, "blocks.0.norm1.weight", model);
        FashionVit.load(a.norm.bias(), t, "blocks.0.norm1.bias", model);
        FashionVit.load(a.attention.qkv().weight(), t, "blocks.0.attn.qkv.weight", model);
        FashionVit.load(a.attention.qkv().bias(), t, "blocks.0.attn.qkv.bias", model);
        FashionVit.load(a.attention.projection().weight(), t, "blocks.0.attn.proj.weight", model);
        FashionVit.load(a.attention.projection().bias(), t, "blocks.0.attn.proj.bias", model);
        return a;
    }

    private static TrainedAttention random(Map<String, Tensor> t, int heads, Generator gen, Path model) throws IOException {
        Tensor proj = t.get("patch_embed.proj.weight");
        Tensor pos = t.get("pos_embed");
        if (proj == null || proj.rank() != 4 || pos == null) {
            throw new IOException(model + ": needs patch_embed.proj.weight [E, C, p, p] and pos_embed [1, N + 1, E]");
        }
        int emb = proj.size(0);
        int patch = proj.size(2);
        int side = (int) Math.round(Math.sqrt(pos.size(-2) - 1));
        return new TrainedAttention(new PatchEmbedding(proj.size(1), patch, emb, side * patch, gen),
            new LayerNorm(emb, Variant.TIMM.layerNormEps()), new MultiHeadAttention(emb, heads, 0f, Variant.TIMM, gen));
    }

    private static int heads(Path model) throws IOException {
        String n = SafeTensors.readMetadata(model).get("vit.num_heads");
        if (n == null) {
            throw new IOException(model + ": no vit.num_heads in the metadata");
        }
        return Integer.parseInt(n.strip());
    }

    /** The mean entropy of the attention rows, in nats: {@code ln N} when every token looks at all N alike, 0 when at one. */
    public static double entropy(Tensor weights) {
        float[] p = weights.contiguous().toFloatArray();
        int n = weights.size(-1);
        double sum = 0;
        for (int row = 0; row < p.length / n; row++) {
            for (int j = 0; j < n; j++) {
                float v = p[row * n + j];
                sum -= v > 0 ? v * Math.log(v) : 0;
            }
        }
        return sum / (p.length / n);
    }
}
