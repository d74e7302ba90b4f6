// SPDX-License-Identifier: MIT
package vit.encoder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import vit.attention.Variant;
import vit.data.Cat;
import vit.data.Figures;
import vit.nn.Summary;
import vit.position.PatchEmbedding;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.Tensor;
import vit.tensor.plot.Plots;
import vit.tensor.plot.Series;

/** Chapter 06, "TransformerEncoder": blocks of attention and MLP, twelve in a row. */
public final class Chapter06 {
    private Chapter06() {
    }

    public static void main(String[] args) throws IOException {
        try (var off = GradMode.disabled()) {
            run();
        }
    }

    private static void run() throws IOException {
        System.out.println("== Chapter 06: the transformer encoder ==");
        Generator gen = new Generator(0);
        Tensor x = new PatchEmbedding(3, 16, 768, 224, gen).apply(Cat.articleInput(224));
        System.out.println("patches_embedded = PatchEmbedding()(x): " + x.shape());
        TransformerEncoderBlock block = new TransformerEncoderBlock(768, 8, 4, 0f, Variant.ARTICLE, gen);
        System.out.println("TransformerEncoderBlock()(patches_embedded): " + block.apply(x).shape());
        System.out.println("parameters of one block: " + Summary.grouped(block.parameterCount()));
        TransformerEncoder encoder = new TransformerEncoder(12, 768, 8, 4, 0f, Variant.ARTICLE, gen);
        System.out.println("TransformerEncoder(depth=12): " + Summary.grouped(encoder.parameterCount()) + " parameters");

        // How alike the tokens become, block after block (random weights): the mean cosine similarity.
        double[] depth = new double[13];
        double[] similarity = new double[13];
        Tensor h = x;
        for (int i = 0; i <= 12; i++) {
            depth[i] = i;
            similarity[i] = meanCosine(h);
            if (i < 12) {
                h = encoder.block(i).apply(h);
            }
        }
        System.out.println("TransformerEncoder(depth=12)(patches_embedded): " + h.shape());
        System.out.printf(Locale.ROOT, "mean cosine similarity between tokens: %.2f before the encoder, %.2f after%n", similarity[0], similarity[12]);
        Path png = Figures.path("06-token-similarity.png");
        Plots.line("Tokens through the encoder (random weights)", "blocks applied", "mean cosine similarity",
            List.of(new Series("mean cosine similarity of the 197 tokens", depth, similarity)), png);
        System.out.println("figure: how alike the tokens are after each block -> target/figures/" + png.getFileName());
    }

    /** The mean over all token pairs of the cosine similarity, for {@code [1, N, E]}. */
    static double meanCosine(Tensor tokens) {
        Tensor t = tokens.select(0, 0);
        Tensor unit = t.div(t.mul(t).sum(-1, true).sqrt());
        return unit.matmul(unit.mT()).mean().item();
    }
}
