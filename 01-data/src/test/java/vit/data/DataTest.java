// SPDX-License-Identifier: MIT
package vit.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.testing.ChapterOutput;
import vit.tensor.testing.Fixtures;

class DataTest {
    @Test
    void theCatBecomesA224By224Tensor() {
        Tensor x = Cat.articleInput(224);
        System.out.println("x " + x.shape());
        assertThat(x.shape()).isEqualTo(Shape.of(1, 3, 224, 224));
        assertThat(Cat.load().width()).isEqualTo(451);
        assertThat(Cat.load().height()).isEqualTo(300);
    }

    @Test
    void matchesTorchvisionResizeAndToTensor() {
        Tensor expected = Fixtures.load("cat-preprocessed.safetensors").get("article");
        Tensor x = Cat.articleInput(224);
        float[] a = x.toFloatArray();
        float[] e = expected.toFloatArray();
        int within = 0;
        double maxAbs = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - e[i]);
            maxAbs = Math.max(maxAbs, d);
            if (d <= 1.0 / 255 + 1e-6) {
                within++;
            }
        }
        double fraction = within / (double) a.length;
        System.out.printf("article preprocessing %s: %.4f%% of values within 1/255 of torchvision, max abs diff %.5f%n",
            x.shape(), 100 * fraction, maxAbs);
        assertThat(fraction).isGreaterThanOrEqualTo(0.999);
    }

    @Test
    void mainPrintsWhatTheReadmeShows() throws Exception {
        String printed = ChapterOutput.capture(() -> Chapter01.main(new String[0]));
        ChapterOutput.assertMatchesReadme(printed);
        assertThat(Files.size(Figures.path("01-cat-224.png"))).isPositive();
    }
}
