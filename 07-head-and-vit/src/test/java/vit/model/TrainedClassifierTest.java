// SPDX-License-Identifier: MIT
package vit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import vit.data.FashionVit;
import vit.tensor.Generator;
import vit.tensor.GradMode;

/**
 * The shipped Fashion-MNIST ViT through this chapter's {@link Checkpoint}, the picture prepared as its metadata says,
 * names every shipped picture as chapter 08 recorded it.
 */
class TrainedClassifierTest {
    static final Path MODEL = FashionVit.find().orElseThrow(() -> new AssertionError(FashionVit.notFound()));

    @Test
    void itNamesTheShippedPicturesAsRecorded() throws Exception {
        TrainedClassifier.Trained trained = TrainedClassifier.Trained.load(MODEL);
        assertThat(trained.model().config().numHeads()).isEqualTo(4);
        List<String> labels = trained.labels();
        assertThat(labels).startsWith("T-shirt/top", "Trouser").endsWith("Ankle boot");
        List<String> lines = Files.readAllLines(MODEL.getParent().resolve("fashion-samples/predictions.tsv"));
        int rows = 0;
        int right = 0;
        try (var off = GradMode.disabled()) {
            for (String line : lines) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                double[] p = TrainedClassifier.probabilities(trained.model(), trained.input(FashionVit.picture(MODEL, f[0])));
                int best = TrainedClassifier.argmax(p);
                assertThat(labels.get(best)).as(f[0]).isEqualTo(f[3]);
                assertThat(p[best]).as(f[0]).isCloseTo(Double.parseDouble(f[4]), Offset.offset(2e-3));
                right += FashionVit.className(f[0], labels).equals(labels.get(best)) ? 1 : 0;
                rows++;
            }
        }
        System.out.println(right + " of " + rows + " shipped pictures named rightly");
        assertThat(rows).isEqualTo(20);
        assertThat(right).isGreaterThanOrEqualTo(17);
    }

    /** Random weights of the same sizes give every class about a tenth: nothing near the trained model's confidence. */
    @Test
    void randomWeightsKnowNothing() throws Exception {
        TrainedClassifier.Trained trained = TrainedClassifier.Trained.load(MODEL);
        ViT random = new ViT(trained.model().config(), new Generator(0));
        random.eval();
        double[] p;
        double[] q;
        try (var off = GradMode.disabled()) {
            p = TrainedClassifier.probabilities(trained.model(), trained.input(FashionVit.picture(MODEL, FashionVit.PICTURE)));
            q = TrainedClassifier.probabilities(random, trained.input(FashionVit.picture(MODEL, FashionVit.PICTURE)));
        }
        System.out.printf("trained: %.3f for class %d; random: at most %.3f%n", p[TrainedClassifier.argmax(p)], TrainedClassifier.argmax(p),
            q[TrainedClassifier.argmax(q)]);
        assertThat(p[TrainedClassifier.argmax(p)]).isGreaterThan(0.5);
        assertThat(q[TrainedClassifier.argmax(q)]).isLessThan(0.3);
        assertThat(TrainedClassifier.top(new double[] {0.1, 0.7, 0.2}, List.of("a", "b", "c"), 2)).isEqualTo("b 70.0%, c 20.0%");
    }
}
