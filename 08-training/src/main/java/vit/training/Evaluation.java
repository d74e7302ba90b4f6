// SPDX-License-Identifier: MIT
package vit.training;

import vit.model.ViT;
import vit.tensor.Functional;
import vit.tensor.GradMode;
import vit.tensor.MemoryScope;
import vit.tensor.Tensor;

/**
 * A model's mean loss and accuracy on a data set, and its confusion matrix: {@code confusion[t][p]}
 * counts the images of class {@code t} the model called {@code p}.
 */
public record Evaluation(double loss, double accuracy, int[][] confusion, int count) {
    /** Runs {@code model} in evaluation mode without gradients over every batch (in order); its mode is restored after. */
    public static Evaluation of(ViT model, Batches batches, int classes, Progress progress) {
        boolean training = model.isTraining();
        model.eval();
        int[][] confusion = new int[classes][classes];
        double lossSum = 0;
        int seen = 0;
        int correct = 0;
        int done = 0;
        try (var off = GradMode.disabled()) {
            for (Batches.Batch batch : batches.epoch(0)) {
                try (var scope = MemoryScope.open()) {
                    Tensor logits = model.apply(batch.images());                             // [B, classes]
                    lossSum += Functional.crossEntropy(logits, batch.labels()).item() * batch.size();
                    float[] predicted = logits.argmax(1, false).toFloatArray();
                    float[] labels = batch.labels().toFloatArray();
                    for (int i = 0; i < predicted.length; i++) {
                        confusion[(int) labels[i]][(int) predicted[i]]++;
                        correct += predicted[i] == labels[i] ? 1 : 0;
                    }
                    seen += batch.size();
                }
                done++;
                if (progress != null) {
                    progress.update(done, lossSum / seen, (double) correct / seen, seen);
                }
            }
        }
        if (progress != null) {
            progress.done(done, lossSum / Math.max(1, seen), (double) correct / Math.max(1, seen), seen);
        }
        model.train(training);
        return new Evaluation(lossSum / Math.max(1, seen), (double) correct / Math.max(1, seen), confusion, seen);
    }

    /** Each row of the confusion matrix divided by its sum: the share of class t called p. */
    public Tensor confusionFractions() {
        int c = confusion.length;
        float[] f = new float[c * c];
        for (int t = 0; t < c; t++) {
            int sum = 0;
            for (int p = 0; p < c; p++) {
                sum += confusion[t][p];
            }
            for (int p = 0; p < c; p++) {
                f[t * c + p] = sum == 0 ? 0f : (float) confusion[t][p] / sum;
            }
        }
        return Tensor.of(f, c, c);
    }
}
