// SPDX-License-Identifier: MIT
package vit.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vit.tensor.plot.Plots;
import vit.tensor.plot.Series;

/**
 * The learning curves: training loss and accuracy averaged over windows of steps, and the test loss and
 * accuracy after each epoch, with the x axis in epochs. It travels in the checkpoint's metadata, so a
 * resumed run draws the whole curve.
 */
public final class History {
    /** (epoch position, mean loss, accuracy) of each window of training steps. */
    private final List<double[]> train = new ArrayList<>();
    /** (epoch, loss, accuracy) of each evaluation on the test set. */
    private final List<double[]> test = new ArrayList<>();
    private final int window;
    private double lossSum;
    private long correct;
    private long seen;
    private int steps;

    /** @param window how many steps each training point averages */
    public History(int window) {
        this.window = window;
    }

    /** Adds one step's result; {@code epochPosition} is e.g. 2.5 half way through the third epoch. */
    public void addStep(double epochPosition, Trainer.StepResult r) {
        lossSum += r.loss();
        correct += r.correct();
        seen += r.size();
        if (++steps == window) {
            train.add(new double[] {epochPosition, lossSum / steps, (double) correct / seen});
            lossSum = 0;
            correct = 0;
            seen = 0;
            steps = 0;
        }
    }

    public void addEpoch(int epoch, Evaluation e) {
        test.add(new double[] {epoch, e.loss(), e.accuracy()});
    }

    /** The last test accuracy, or NaN before any evaluation. */
    public double lastTestAccuracy() {
        return test.isEmpty() ? Double.NaN : test.get(test.size() - 1)[2];
    }

    /** Draws the loss and the accuracy curves; false (and nothing drawn) before the first window of steps is full. */
    public boolean plot(Path lossPng, Path accuracyPng) throws IOException {
        if (train.isEmpty()) {
            return false;
        }
        List<Series> loss = new ArrayList<>(List.of(series("train", train, 1)));
        List<Series> accuracy = new ArrayList<>(List.of(series("train", train, 2)));
        if (!test.isEmpty()) {
            loss.add(series("test", test, 1));
            accuracy.add(series("test", test, 2));
        }
        Plots.line("Fashion-MNIST: cross-entropy loss", "epoch", "loss", loss, lossPng);
        Plots.line("Fashion-MNIST: accuracy", "epoch", "accuracy", accuracy, accuracyPng);
        return true;
    }

    private static Series series(String name, List<double[]> points, int column) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[column];
        }
        return new Series(name, x, y);
    }

    /** {@code train:x/loss/acc;...|test:...}, for the checkpoint's metadata. */
    public String encode() {
        return "train:" + encode(train) + "|test:" + encode(test);
    }

    private static String encode(List<double[]> points) {
        StringBuilder sb = new StringBuilder();
        for (double[] p : points) {
            sb.append(sb.length() == 0 ? "" : ";").append(String.format(Locale.ROOT, "%.4f/%.5f/%.5f", p[0], p[1], p[2]));
        }
        return sb.toString();
    }

    /** The history {@link #encode} wrote (an empty one for null or unreadable text). */
    public static History decode(String text, int window) {
        History h = new History(window);
        if (text == null) {
            return h;
        }
        for (String part : text.split("\\|")) {
            List<double[]> target = part.startsWith("train:") ? h.train : part.startsWith("test:") ? h.test : null;
            String body = part.substring(part.indexOf(':') + 1);
            if (target == null || body.isEmpty()) {
                continue;
            }
            for (String point : body.split(";")) {
                String[] f = point.split("/");
                target.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])});
            }
        }
        return h;
    }
}
