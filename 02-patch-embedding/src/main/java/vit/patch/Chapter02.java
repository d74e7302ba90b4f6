// SPDX-License-Identifier: MIT
package vit.patch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vit.data.Cat;
import vit.data.Figures;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.Tensor;
import vit.tensor.einops.Einops;
import vit.tensor.plot.Plots;

/** Chapter 02, "Patches Embeddings": cut the image into 16x16 patches and project each to 768 numbers. */
public final class Chapter02 {
    private Chapter02() {
    }

    public static void main(String[] args) throws IOException {
        try (var off = GradMode.disabled()) {
            run();
        }
    }

    private static void run() throws IOException {
        System.out.println("== Chapter 02: patches embeddings ==");
        Tensor x = Cat.articleInput(224);
        System.out.println("x.shape: " + x.shape());
        int patchSize = 16;
        Tensor patches = Einops.rearrange(x, "b c (h s1) (w s2) -> b (h w) (s1 s2 c)", "s1", patchSize, "s2", patchSize);
        System.out.println("patches = rearrange(x, 'b c (h s1) (w s2) -> b (h w) (s1 s2 c)', s1=16, s2=16)");
        System.out.println("patches.shape: " + patches.shape() + "    # 14 * 14 = 196 patches of 16 * 16 * 3 = 768 numbers");

        Generator gen = new Generator(0);
        LinearPatchEmbedding linear = new LinearPatchEmbedding(3, patchSize, 768, gen);
        System.out.println("PatchEmbedding, Linear version (Rearrange, then Linear(768, 768)): " + linear.apply(x).shape());
        PatchEmbedding conv = new PatchEmbedding(3, patchSize, 768, gen);
        Tensor byConv = conv.apply(x);
        System.out.println("PatchEmbedding, Conv2d version (Conv2d(3, 768, kernel_size=16, stride=16), then Rearrange): " + byConv.shape());
        Tensor byLinear = linear.fromConv(conv).apply(x);
        double diff = byLinear.sub(byConv).abs().max().item();
        System.out.println("with the Conv2d's weights copied into the Linear, both give the same patches: "
            + (diff < 1e-4 ? "yes" : "NO, max difference " + diff));

        List<Tensor> tiles = new ArrayList<>();
        Tensor grid = Einops.rearrange(x, "b c (h s1) (w s2) -> (b h w) c s1 s2", "s1", patchSize, "s2", patchSize);
        for (int i = 0; i < grid.size(0); i++) {
            tiles.add(grid.select(0, i));
        }
        Path png = Figures.path("02-patches.png");
        Plots.imageGrid(tiles, 14, png);
        System.out.println("figure: the 14 x 14 patches cut from the cat -> target/figures/" + png.getFileName());
    }
}
