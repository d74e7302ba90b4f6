// SPDX-License-Identifier: MIT
package vit.encoder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vit.attention.Variant;
import vit.data.Cat;
import vit.data.FashionVit;
import vit.data.Figures;
import vit.nn.Summary;
import vit.position.PatchEmbedding;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.Tensor;
import vit.tensor.plot.Pictures;
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
        trained();
    }

    /** The same measure through the trained blocks of chapter 08's Fashion-MNIST ViT, on a real picture, beside random blocks. */
    private static void trained() throws IOException {
        Optional<Path> model = FashionVit.find();
        if (model.isEmpty()) {
            System.out.println(FashionVit.notFound());
            return;
        }
        Path file = model.get();
        Tensor input = FashionVit.input(FashionVit.picture(file, FashionVit.PICTURE), file);
        String label = FashionVit.className(FashionVit.PICTURE, FashionVit.labels(file));
        List<Tensor> trained = TrainedEncoder.trained(file).tokens(input);
        List<Tensor> random = TrainedEncoder.random(file, new Generator(0)).tokens(input);
        int depth = trained.size() - 1;
        double[] blocks = new double[depth + 1];
        double[] t = new double[depth + 1];
        double[] r = new double[depth + 1];
        for (int i = 0; i <= depth; i++) {
            blocks[i] = i;
            t[i] = meanCosine(trained.get(i));
            r[i] = meanCosine(random.get(i));
        }
        Tensor last = trained.get(depth);
        System.out.println("trained weights: the " + depth + " blocks of chapter 08's Fashion-MNIST ViT (" + FashionVit.FILE + ") on "
            + FashionVit.PICTURE + " (" + label + "): " + last.shape());
        System.out.printf(Locale.ROOT, "mean cosine similarity between its %d tokens: %.2f before, %.2f after %d trained blocks, %.2f after %d random ones%n",
            last.size(1), t[0], t[depth], depth, r[depth], depth);
        Path png = Figures.path("06-token-similarity-trained.png");
        Plots.line("Tokens of an " + label + " through the Fashion-MNIST ViT's encoder", "blocks applied", "mean cosine similarity",
            List.of(new Series("trained blocks (" + FashionVit.FILE + ")", blocks, t), new Series("random blocks, same sizes", blocks, r)), png);
        System.out.println("figure: the same through trained and random blocks -> target/figures/" + png.getFileName());
        Path matrices = Figures.path("06-token-similarity-matrix.png");
        Plots.captionedGrid(List.of(Pictures.viridis(cosines(last), 4), Pictures.viridis(cosines(random.get(depth)), 4)),
            List.of("after " + depth + " trained blocks", "after " + depth + " random blocks"), 2,
            "cosine similarity of the " + last.size(1) + " tokens (cls first, then the 7 x 7 patches)", matrices);
        System.out.printf(Locale.ROOT, "the spread (std) of those similarities: %.2f after the trained blocks, %.2f after the random ones:"
            + " trained, the tokens fall into groups%n", spread(last), spread(random.get(depth)));
        System.out.println("figure: token x token similarity after the last block, trained and random -> target/figures/"
            + matrices.getFileName());
    }

    /** The standard deviation of the cosine similarity over all pairs of different tokens of {@code [1, N, E]}. */
    static double spread(Tensor tokens) {
        float[] c = cosines(tokens).contiguous().toFloatArray();
        int n = tokens.size(1);
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    sum += c[i * n + j];
                    squares += (double) c[i * n + j] * c[i * n + j];
                }
            }
        }
        double pairs = (double) n * (n - 1);
        return Math.sqrt(Math.max(0, squares / pairs - (sum / pairs) * (sum / pairs)));
    }

    /** The cosine similarity of every pair of tokens of {@code [1, N, E]}: {@code [N, N]}. */
    static Tensor cosines(Tensor tokens) {
        Tensor t = tokens.select(0, 0);
        Tensor unit = t.div(t.mul(t).sum(-1, true).sqrt());
        return unit.matmul(unit.mT());
    }

    /** The mean over all token pairs of the cosine similarity, for {@code [1, N, E]}. */
    static double meanCosine(Tensor tokens) {
        return cosines(tokens).mean().item();
    }
}
