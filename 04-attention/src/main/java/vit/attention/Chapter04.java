// SPDX-License-Identifier: MIT
package vit.attention;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vit.data.Cat;
import vit.data.FashionVit;
import vit.data.Figures;
import vit.position.PatchEmbedding;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.Tensor;
import vit.tensor.einops.Einops;
import vit.tensor.einops.Einsum;
import vit.tensor.plot.Pictures;
import vit.tensor.plot.Plots;

/** Chapter 04, "Multi Head Attention": every token looks at every other, in 8 heads. */
public final class Chapter04 {
    private Chapter04() {
    }

    public static void main(String[] args) throws IOException {
        try (var off = GradMode.disabled()) {
            run();
        }
    }

    private static void run() throws IOException {
        System.out.println("== Chapter 04: multi-head attention ==");
        Generator gen = new Generator(0);
        Tensor x = new PatchEmbedding(3, 16, 768, 224, gen).apply(Cat.articleInput(224));
        System.out.println("x = PatchEmbedding()(x): " + x.shape());

        SeparateQkvAttention separate = new SeparateQkvAttention(768, 8, 0f, Variant.ARTICLE, gen);
        Tensor queries = Einops.rearrange(separate.queries().apply(x), "b n (h d) -> b h n d", "h", 8);
        Tensor keys = Einops.rearrange(separate.keys().apply(x), "b n (h d) -> b h n d", "h", 8);
        Tensor values = Einops.rearrange(separate.values().apply(x), "b n (h d) -> b h n d", "h", 8);
        System.out.println("queries = rearrange(self.queries(x), 'b n (h d) -> b h n d', h=8): " + queries.shape());
        Tensor energy = Einsum.einsum("bhqd, bhkd -> bhqk", queries, keys);
        System.out.println("energy = einsum('bhqd, bhkd -> bhqk', queries, keys): " + energy.shape()
            + "   # the same as queries @ keys.mT");
        Tensor att = energy.softmax(-1).div((float) Math.sqrt(768));
        System.out.println("att = softmax(energy, dim=-1) / sqrt(emb_size): " + att.shape());
        Tensor out = Einsum.einsum("bhal, bhlv -> bhav", att, values);
        System.out.println("out = einsum('bhal, bhlv -> bhav', att, values): " + out.shape());
        out = Einops.rearrange(out, "b h n d -> b n (h d)");
        System.out.println("out = rearrange(out, 'b h n d -> b n (h d)'): " + out.shape());
        System.out.println("out = self.projection(out): " + separate.projection().apply(out).shape());

        MultiHeadAttention fused = separate.toFused(gen);
        Tensor qkv = Einops.rearrange(fused.qkv().apply(x), Variant.ARTICLE.qkvSplit(), "h", 8, "qkv", 3);
        System.out.println("one Linear for all three: rearrange(self.qkv(x), 'b n (h d qkv) -> (qkv) b h n d', h=8, qkv=3): " + qkv.shape());
        double diff = fused.apply(x).sub(separate.apply(x)).abs().max().item();
        System.out.println("MultiHeadAttention()(x): " + fused.apply(x).shape() + ", the same as with three Linears: " + (diff < 1e-4 ? "yes" : "NO"));

        Tensor articleRows = fused.attention(x, null).sum(-1, false);
        MultiHeadAttention paper = new MultiHeadAttention(768, 8, 0f, Variant.TIMM, gen);
        Tensor paperRows = paper.attention(x, null).sum(-1, false);
        System.out.printf(Locale.ROOT, "each row of the article's attention sums to %.4f (1/sqrt(768) = %.4f); the paper's to %.4f%n",
            articleRows.mean().item(), 1 / Math.sqrt(768), paperRows.mean().item());

        Path png = Figures.path("04-attention-map.png");
        Plots.heatmap(paper.attention(x, null).select(0, 0).select(0, 0), "head 0: query x key (random weights)", png);
        System.out.println("figure: the attention map of head 0 -> target/figures/" + png.getFileName());
        trained();
    }

    /** The same layer trained: block 0 of chapter 08's Fashion-MNIST ViT on a real picture, beside random weights. */
    private static void trained() throws IOException {
        Optional<Path> model = FashionVit.find();
        if (model.isEmpty()) {
            System.out.println(FashionVit.notFound());
            return;
        }
        Path file = model.get();
        Tensor picture = FashionVit.grey(FashionVit.picture(file, FashionVit.PICTURE));        // [1, 1, 28, 28]
        Tensor input = FashionVit.normalize(picture, file);
        String label = FashionVit.className(FashionVit.PICTURE, FashionVit.labels(file));
        Tensor trained = TrainedAttention.trained(file).weights(input);                          // [1, 4, 50, 50]
        Tensor random = TrainedAttention.random(file, new Generator(0)).weights(input);
        int heads = trained.size(1);
        System.out.println("trained weights: block 0 of chapter 08's Fashion-MNIST ViT (" + FashionVit.FILE + ") on "
            + FashionVit.PICTURE + " (" + label + "): attention " + trained.shape());
        System.out.printf(Locale.ROOT, "attention entropy per row: %.2f nats trained, %.2f with random weights (ln %d = %.2f: every token alike)%n",
            TrainedAttention.entropy(trained), TrainedAttention.entropy(random), trained.size(-1), Math.log(trained.size(-1)));

        List<Tensor> tiles = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        int side = (int) Math.round(Math.sqrt(trained.size(-1) - 1));
        for (Tensor weights : List.of(trained, random)) {
            String kind = weights == trained ? "trained" : "random";
            tiles.add(Pictures.grey(picture, 4));
            captions.add(label);
            for (int h = 0; h < heads; h++) {
                Tensor cls = weights.select(0, 0).select(0, h).select(0, 0).slice(0, 1, side * side + 1).reshape(side, side);
                tiles.add(Pictures.viridis(cls, 4 * 28 / side));
                captions.add(kind + " head " + h);
            }
        }
        Path fig = Figures.path("04-attention-trained.png");
        Plots.captionedGrid(tiles, captions, heads + 1, "where the cls token looks in block 0: trained (top), random (bottom)", fig);
        System.out.println("figure: where the cls token looks, trained heads above random ones -> target/figures/" + fig.getFileName());
    }
}
