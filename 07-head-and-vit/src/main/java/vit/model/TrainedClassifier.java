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
import vit.tensor.image.Images;
import vit.tensor.io.SafeTensors;
import vit.tensor.plot.Plots;
import vit.tensor.plot.Series;

/**
 * What chapter 07's main shows after the article's random ViT: the whole model, trained (chapter 08's Fashion-MNIST
 * ViT in {@code models/}, read by {@link Checkpoint}), names a real picture's class, where the same model with random
 * weights gives every class about a tenth. The picture is prepared as {@code classify} prepares it, from what the
 * checkpoint's metadata says ({@link Inputs}).
 */
final class TrainedClassifier {
    static final String FIGURE = "07-fashion-probabilities.png";

    private TrainedClassifier() {
    }

    /** The class probabilities of {@code picture} under {@code model} ({@code [nClasses]}, float64 softmax). */
    static double[] probabilities(ViT model, Tensor input) {
        List<ClassifyCommand.Score> scores = ClassifyCommand.topK(model.apply(input).select(0, 0), Labels.forClasses(model.config().nClasses()),
            model.config().nClasses());
        double[] p = new double[scores.size()];
        for (ClassifyCommand.Score s : scores) {
            p[s.index()] = s.probability();
        }
        return p;
    }

    /** The trained model of {@code file}, with its input preparation and class names. */
    record Trained(ViT model, Inputs.Preparation preparation) {
        static Trained load(Path file) throws IOException {
            Map<String, String> meta = SafeTensors.readMetadata(file);
            ViT model = Checkpoint.load(file, new Checkpoint.Options(Variant.TIMM, Inputs.Preparation.heads(meta, file), 0)).model();
            model.eval();
            return new Trained(model, Inputs.Preparation.fromMetadata(meta, model.config(), file));
        }

        Tensor input(Path picture) throws IOException {
            return Inputs.input(Images.read8(picture), preparation, model.config().imgSize());
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
            List<String> labels = trained.preparation().labels(trained.model().config().nClasses());
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
