// SPDX-License-Identifier: MIT
package vit.training;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import vit.data.Figures;
import vit.model.ViT;
import vit.position.PositionSimilarity;
import vit.tensor.GradMode;
import vit.tensor.Tensor;
import vit.tensor.plot.Plots;

/** The pictures of a training run, written under {@code target/figures/} (see {@link Figures}). */
final class TrainingFigures {
    static final String LOSS = "08-loss.png";
    static final String ACCURACY = "08-accuracy.png";
    static final String POSITIONS = "08-position-similarity.png";
    static final String CONFUSION = "08-confusion.png";
    static final String ROLLOUT = "08-rollout.png";

    private TrainingFigures() {
    }

    /** Every figure of a finished run. */
    static void all(ViT vit, History history, Evaluation eval, FashionMnist test, PrintStream out) throws IOException {
        curves(history, out);
        positions(vit, out);
        confusion(eval, out);
        rollout(vit, test, out);
        samples(test, out);
    }

    /** Where {@link #samples} writes the first test images. */
    static final Path SAMPLES = Path.of("target", "fashion-samples");

    /**
     * The first four test images as PNG files named after their class, for chapter 07's {@code classify} and
     * {@code attention} with the trained checkpoint.
     */
    static void samples(FashionMnist test, PrintStream out) throws IOException {
        int n = Math.min(4, test.size());
        for (int i = 0; i < n; i++) {
            String label = FashionMnist.CLASSES.get(test.label(i)).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            vit.tensor.image.Images.writePng(RolloutFigure.grey(test, i, 1), SAMPLES.resolve("test-" + i + "-" + label + ".png"));
        }
        out.println("pictures: the first " + n + " test images -> " + SAMPLES + "/ (try them with ./vit classify --weights CHECKPOINT --image PNG)");
    }

    /** The loss and accuracy curves, training and test. */
    static void curves(History history, PrintStream out) throws IOException {
        Path loss = Figures.path(LOSS);
        Path accuracy = Figures.path(ACCURACY);
        if (history.plot(loss, accuracy)) {
            out.println("figure: loss and accuracy curves -> " + loss + ", " + accuracy);
        }
    }

    /**
     * The learned position embeddings' cosine similarity, one tile per patch (the paper's Figure 7): after
     * training each patch is most like itself and its row and column, which random embeddings are not.
     */
    static void positions(ViT vit, PrintStream out) throws IOException {
        try (var off = GradMode.disabled()) {
            Tensor sim = PositionSimilarity.of(vit.patchEmbedding().positions().value());   // [N, g, g]
            int g = sim.size(1);
            Path png = Figures.path(POSITIONS);
            Plots.tiles(sim, g, g, png);
            out.println("figure: position-embedding similarity, " + g + "x" + g + " tiles -> " + png);
        }
    }

    /** Which classes the model confuses: row = true class, column = predicted, each row sums to 1. */
    static void confusion(Evaluation eval, PrintStream out) throws IOException {
        Path png = Figures.path(CONFUSION);
        Plots.heatmap(eval.confusionFractions(), "Fashion-MNIST test set: share of each true class (row) by prediction (column)",
            "predicted class", "true class", FashionMnist.CLASSES.subList(0, eval.confusion().length), png);
        out.println("figure: confusion matrix -> " + png);
    }

    /** Attention rollout over the first eight test images: the pictures, and below each where the cls token looked. */
    static void rollout(ViT vit, FashionMnist test, PrintStream out) throws IOException {
        rollout(vit, test, ROLLOUT, "attention rollout", out);
    }

    /**
     * {@link #rollout} into {@code fileName}: each picture captioned with its class, each map with what the model says
     * it is (a cross when that is wrong).
     */
    static void rollout(ViT vit, FashionMnist test, String fileName, String title, PrintStream out) throws IOException {
        java.util.List<Tensor> pictures = RolloutFigure.pictures(vit, test, 8);
        int n = pictures.size() / 2;
        java.util.List<String> captions = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            captions.add(FashionMnist.CLASSES.get(test.label(i)));
        }
        int[] predicted = RolloutFigure.predictions(vit, test, n);
        for (int i = 0; i < n; i++) {
            captions.add((predicted[i] == test.label(i) ? "says " : "x says ") + FashionMnist.CLASSES.get(predicted[i]));
        }
        Path png = Figures.path(fileName);
        Plots.captionedGrid(pictures, captions, n, title + ": the pictures and where the cls token gathers from", png);
        out.println("figure: " + title + " of " + n + " test images -> " + png);
    }
}
