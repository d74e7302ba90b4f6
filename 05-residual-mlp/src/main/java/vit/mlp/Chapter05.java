// SPDX-License-Identifier: MIT
package vit.mlp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import vit.attention.MultiHeadAttention;
import vit.attention.Variant;
import vit.data.Cat;
import vit.data.Figures;
import vit.nn.LayerNorm;
import vit.nn.Sequential;
import vit.position.PatchEmbedding;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.Tensor;
import vit.tensor.plot.Plots;
import vit.tensor.plot.Series;

/** Chapter 05, "Residuals" and "MLP": skip connections, and a two-layer MLP applied to every token. */
public final class Chapter05 {
    private Chapter05() {
    }

    public static void main(String[] args) throws IOException {
        try (var off = GradMode.disabled()) {
            run();
        }
    }

    private static void run() throws IOException {
        System.out.println("== Chapter 05: residuals and the MLP ==");
        Generator gen = new Generator(0);
        Tensor x = new PatchEmbedding(3, 16, 768, 224, gen).apply(Cat.articleInput(224));
        System.out.println("x = PatchEmbedding()(x): " + x.shape());
        ResidualAdd attention = new ResidualAdd(new Sequential(new LayerNorm(768), new MultiHeadAttention(768, 8, 0f, Variant.ARTICLE, gen)));
        System.out.println("ResidualAdd(nn.Sequential(nn.LayerNorm(768), MultiHeadAttention(768)))(x): " + attention.apply(x).shape());
        FeedForwardBlock mlp = new FeedForwardBlock(768, 4, 0f, gen);
        System.out.println("FeedForwardBlock(768, expansion=4): " + mlp.fc1() + " -> GELU -> Dropout -> " + mlp.fc2());
        System.out.println("FeedForwardBlock()(x): " + mlp.apply(x).shape());
        System.out.println("ResidualAdd(FeedForwardBlock())(x): " + new ResidualAdd(mlp).apply(x).shape());

        int n = 161;
        double[] xs = new double[n];
        double[] gelu = new double[n];
        double[] relu = new double[n];
        Tensor grid = Tensor.arange(-4f, 4.0001f, 0.05f);
        float[] g = grid.gelu().toFloatArray();
        float[] r = grid.relu().toFloatArray();
        float[] v = grid.toFloatArray();
        for (int i = 0; i < n; i++) {
            xs[i] = v[i];
            gelu[i] = g[i];
            relu[i] = r[i];
        }
        Path png = Figures.path("05-gelu-relu.png");
        Plots.line("GELU beside ReLU", "x", "f(x)",
            List.of(new Series("GELU(x) = x * Phi(x)", xs, gelu), new Series("ReLU(x) = max(x, 0)", xs, relu)), png);
        System.out.println("figure: GELU beside ReLU -> target/figures/" + png.getFileName());
    }
}
