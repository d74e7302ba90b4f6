// SPDX-License-Identifier: MIT
package vit.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import vit.model.ViT;
import vit.tensor.Functional;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.Shape;
import vit.tensor.Tensor;

class EvaluationTest {
    @Test
    void lossAccuracyAndConfusionAgreeWithOneForwardPass() {
        ViT vit = new ViT(TrainerTest.TINY, new Generator(5));
        FashionMnist data = Synthetic.make(30, 9);
        vit.eval();
        Evaluation e = Evaluation.of(vit, new Batches(data, 8, false, 0), 10, null);
        assertThat(vit.isTraining()).isFalse();                     // the mode it came in with

        Batches.Batch all = new Batches(data, 30, false, 0).epoch(0).iterator().next();
        double loss;
        float[] predicted;
        try (var off = GradMode.disabled()) {
            Tensor logits = vit.apply(all.images());
            loss = Functional.crossEntropy(logits, all.labels()).item();
            predicted = logits.argmax(1, false).toFloatArray();
        }
        int[][] confusion = new int[10][10];
        int correct = 0;
        for (int i = 0; i < 30; i++) {
            confusion[data.label(i)][(int) predicted[i]]++;
            correct += predicted[i] == data.label(i) ? 1 : 0;
        }
        System.out.printf("evaluation of %d images: loss %.4f, accuracy %.3f, confusion %s%n", e.count(), e.loss(), e.accuracy(),
            e.confusionFractions().shape());
        assertThat(e.count()).isEqualTo(30);
        assertThat(e.loss()).isCloseTo(loss, within(1e-5));
        assertThat(e.accuracy()).isCloseTo(correct / 30.0, within(1e-12));
        assertThat(e.confusion()).isDeepEqualTo(confusion);
        Tensor f = e.confusionFractions();
        assertThat(f.shape()).isEqualTo(Shape.of(10, 10));
        for (int t = 0; t < 10; t++) {
            int sum = java.util.Arrays.stream(confusion[t]).sum();
            for (int p = 0; p < 10; p++) {
                assertThat((double) f.get(t, p)).isCloseTo(sum == 0 ? 0 : (double) confusion[t][p] / sum, within(1e-6));
            }
        }
    }
}
