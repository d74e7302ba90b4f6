// SPDX-License-Identifier: MIT
package vit.model;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vit.attention.Variant;
import vit.data.FashionVit;
import vit.data.Figures;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.Tensor;
import vit.tensor.io.SafeTensors;
import vit.tensor.plot.Plots;
import vit.tensor.plot.Series;

/**
 * What chapter 07's main shows after the article's random ViT: the whole model, trained (chapter 08's Fashion-MNIST
 * ViT in {@code models/}, read by {@link Checkpoint}), names a real picture's class, where the same model with random
 * weights gives every class about a tenth. The picture is prepared as the checkpoint's metadata says: grey, scaled to
 * [0, 1] and normalised by its {@code vit.input.mean} and {@code vit.input.std} ({@link FashionVit}).
 */
final class TrainedClassifier {
    static final String FIGURE = "07-fashion-probabilities.png";

    private TrainedClassifier() {
    }

    /** The class probabilities of {@code input} under {@code model}: a float64 softmax of its logits. */
    static double[] probabilities(ViT model, Tensor input) {
        float[] logits = model.apply(input).toFloatArray();
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** The trained model of {@code file}, its class names, and the file its input preparation comes from. */
    record Trained(ViT model, List<String> labels, Path file) {
        static Trained load(Path file) throws IOException {
            Map<String, String> meta = SafeTensors.readMetadata(file);
            int heads = Integer.parseInt(meta.getOrDefault(InputMetadata.NUM_HEADS, "0"));
            ViT model = Checkpoint.load(file, new Checkpoint.Options(Variant.TIMM, heads, 0)).model();
            model.eval();
            return new Trained(model, FashionVit.labels(file), file);
        }

        Tensor input(Path picture) throws IOException {
            return FashionVit.input(picture, file);
        }
    }

    static void run(PrintStream out) throws IOException {
        Optional<Path> found = FashionVit.find();
        if (found.isEmpty()) {
            out.println(FashionVit.notFound());
            return;
        }
        Path file = found.get();
        try (var off = GradMode.disabled()) {
            Trained trained = Trained.load(file);
            List<String> labels = trained.labels();
            Tensor input = trained.input(FashionVit.picture(file, FashionVit.PICTURE));
            double[] p = probabilities(trained.model(), input);
            ViT random = new ViT(trained.model().config(), new Generator(0));
            random.eval();
            double[] q = probabilities(random, input);
            String truth = FashionVit.className(FashionVit.PICTURE, labels);
            out.println("trained weights: chapter 08's Fashion-MNIST ViT (" + FashionVit.FILE + ") on " + FashionVit.PICTURE + " (" + truth + "):");
            out.println("  trained: " + top(p, labels, 3));
            out.println("  random:  " + top(q, labels, 3));
            int best = argmax(p);
            out.printf(Locale.ROOT, "the trained model says %s with %.1f%%; random weights give every class %.1f%% to %.1f%% (chance: %.0f%%)%n",
                labels.get(best), 100 * p[best], 100 * min(q), 100 * q[argmax(q)], 100.0 / labels.size());
            Path png = Figures.path(FIGURE);
            Plots.bars("Class probabilities of " + FashionVit.PICTURE + " (" + truth + ")", "probability", labels,
                List.of(Series.of("trained (" + FashionVit.FILE + ")", p), Series.of("random weights, same sizes", q)), png);
            out.println("figure: the ten classes' probabilities, trained beside random -> target/figures/" + png.getFileName());
        }
    }

    /** {@code "Ankle boot 97.1%, Sneaker 2.3%, Sandal 0.4%"}. */
    static String top(double[] p, List<String> labels, int k) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(k, p.length); i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f%%", labels.get(order[i]), 100 * p[order[i]]));
        }
        return s.toString();
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            best = p[i] > p[best] ? i : best;
        }
        return best;
    }

    private static double min(double[] p) {
        double m = p[0];
        for (double v : p) {
            m = Math.min(m, v);
        }
        return m;
    }
}
