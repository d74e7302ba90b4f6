// SPDX-License-Identifier: MIT
package vit.tensor.einops;

import static org.assertj.core.api.Assertions.assertThat;
import static vit.tensor.einops.Einops.rearrange;
import static vit.tensor.einops.Einsum.einsum;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vit.tensor.Functional;
import vit.tensor.Tensor;
import vit.tensor.io.SafeTensors;

/**
 * Pieces of the mini ViT written with einops the way the article and timm write them, against what PyTorch
 * computed (the vit-mini fixtures): the patch embedding's Rearrange, block 0's attention branch (both qkv
 * split patterns and both einsum equations) and the head's mean-pooling Reduce.
 */
class VitFixtureTest {
    private static final int HEADS = 4;

    @Test
    void articleVariant() throws Exception {
        check("article", "b n (h d qkv) -> qkv b h n d", 1e-5f, true);
    }

    @Test
    void timmVariant() throws Exception {
        check("timm", "b n (qkv h d) -> qkv b h n d", 1e-6f, false);
    }

    /** The article's patch embedding: a strided convolution, then {@code Rearrange('b e (h) (w) -> b (h w) e')}. */
    @Test
    void patchEmbeddingLayer() throws Exception {
        Map<String, Tensor> w = read("weights.safetensors");
        Tensor img = read("input.safetensors").get("input");
        Tensor conv = Functional.conv2d(img, w.get("patch_embed.proj.weight"), w.get("patch_embed.proj.bias"), 8, 0);
        Tensor patches = new Rearrange("b e (h) (w) -> b (h w) e").forward(conv);
        compare("patches of " + img.shape() + " via conv " + conv.shape(), patches, read("expected-article.safetensors").get("patches"));
    }

    /** The article's head starts with {@code Reduce('b n e -> b e', 'mean')} and a LayerNorm. */
    @Test
    void meanPoolingLayer() throws Exception {
        Map<String, Tensor> w = read("weights.safetensors");
        Map<String, Tensor> ref = read("expected-article.safetensors");
        Tensor pooled = Functional.layerNorm(new Reduce("b n e -> b e", "mean").forward(ref.get("encoded")), w.get("norm.weight"),
            w.get("norm.bias"), 1e-5f);
        compare("pooled " + ref.get("encoded").shape(), pooled, ref.get("pooled"));
    }

    private void check(String variant, String split, float eps, boolean article) throws Exception {
        Map<String, Tensor> w = read("weights.safetensors");
        Map<String, Tensor> ref = read("expected-" + variant + ".safetensors");
        Tensor x = Functional.layerNorm(ref.get("tokens"), w.get("blocks.0.norm1.weight"), w.get("blocks.0.norm1.bias"), eps);
        Tensor qkv = rearrange(Functional.linear(x, w.get("blocks.0.attn.qkv.weight"), w.get("blocks.0.attn.qkv.bias")), split,
            "h", HEADS, "qkv", 3);
        Tensor q = qkv.select(0, 0);
        Tensor k = qkv.select(0, 1);
        Tensor v = qkv.select(0, 2);
        int embSize = x.size(-1);
        Tensor att;
        if (article) {
            att = einsum("bhqd, bhkd -> bhqk", q, k).softmax(-1).div((float) Math.sqrt(embSize));
        } else {
            att = einsum("bhqd, bhkd -> bhqk", q, k).div((float) Math.sqrt(embSize / HEADS)).softmax(-1);
        }
        Tensor out = rearrange(einsum("bhal, bhlv -> bhav", att, v), "b h n d -> b n (h d)");
        Tensor attn0 = Functional.linear(out, w.get("blocks.0.attn.proj.weight"), w.get("blocks.0.attn.proj.bias"));

        compare(variant + " attention, q " + q.shape(), attn0, ref.get("attn0"));
    }

    /** Relative error {@code ||ours - ref|| / ||ref||} below 1e-5, as the fixtures' README advises. */
    private static void compare(String what, Tensor ours, Tensor expected) {
        double diff = 0;
        double norm = 0;
        double maxAbs = 0;
        float[] a = ours.toFloatArray();
        float[] e = expected.toFloatArray();
        assertThat(ours.shape()).as(what).isEqualTo(expected.shape());
        for (int i = 0; i < e.length; i++) {
            diff += (a[i] - e[i]) * (double) (a[i] - e[i]);
            norm += e[i] * (double) e[i];
            maxAbs = Math.max(maxAbs, Math.abs(a[i] - e[i]));
        }
        double rel = Math.sqrt(diff / norm);
        System.out.printf("%s -> %s vs PyTorch %s: relative error %.2e, max abs diff %.2e%n", what, ours.shape(), expected.shape(), rel,
            maxAbs);
        assertThat(rel).as(what).isLessThan(1e-5);
    }

    private Map<String, Tensor> read(String name) throws Exception {
        return SafeTensors.read(Path.of(getClass().getResource("/fixtures/vit-mini/" + name).toURI()));
    }
}
