// SPDX-License-Identifier: MIT
package vit.position;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import vit.data.Cat;
import vit.data.Figures;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.Tensor;
import vit.tensor.einops.Einops;
import vit.tensor.plot.Plots;

/** Chapter 03, "CLS Token" and "Position Embedding": 196 patches become 197 tokens that know where they are. */
public final class Chapter03 {
    private Chapter03() {
    }

    public static void main(String[] args) throws IOException {
        try (var off = GradMode.disabled()) {
            run();
        }
    }

    private static void run() throws IOException {
        System.out.println("== Chapter 03: CLS token and position embedding ==");
        Tensor x = Cat.articleInput(224);
        PatchEmbedding embed = new PatchEmbedding(3, 16, 768, 224, new Generator(0));
        System.out.println("PatchEmbedding(in_channels=3, patch_size=16, emb_size=768, img_size=224)");
        System.out.println("cls_token: " + embed.clsToken().shape() + "   positions: " + embed.positions().shape());
        Tensor patches = embed.projectPatches(x);
        System.out.println("projection(x): " + patches.shape());
        Tensor cls = Einops.repeat(embed.clsToken().value(), "() n e -> b n e", "b", 1);
        System.out.println("cls_tokens = repeat(cls_token, '() n e -> b n e', b=1): " + cls.shape());
        Tensor tokens = Tensor.cat(List.of(cls, patches), 1);
        System.out.println("x = torch.cat([cls_tokens, x], dim=1): " + tokens.shape());
        System.out.println("x += positions: " + tokens.add(embed.positions().value()).shape());
        System.out.println("PatchEmbedding()(x).shape: " + embed.apply(x).shape());

        Path png = Figures.path("03-position-similarity.png");
        Plots.tiles(PositionSimilarity.of(embed.positions().value()), 14, 14, png);
        System.out.println("figure: cosine similarity of the (random) position embeddings -> target/figures/" + png.getFileName());
    }
}
