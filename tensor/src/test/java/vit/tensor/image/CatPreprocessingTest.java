// SPDX-License-Identifier: MIT
package vit.tensor.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vit.tensor.Tensor;
import vit.tensor.io.SafeTensors;

/** The cat, prepared as torchvision prepares it (fixtures/cat-preprocessed.safetensors, by PyTorch 1.13). */
class CatPreprocessingTest {
    private static final float[] HALF = {0.5f, 0.5f, 0.5f};
    private static Path cat;
    private static Map<String, Tensor> expected;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        cat = resource("/images/cat.png");
        expected = SafeTensors.read(resource("/fixtures/cat-preprocessed.safetensors"));
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(CatPreprocessingTest.class.getResource(name).toURI());
    }

    @Test
    void readsTheCatAsRgbInZeroOne() throws IOException {
        Tensor img = Images.read(cat);
        System.out.println("cat.png -> " + img.shape());
        assertThat(img.shape().toString()).isEqualTo("[1, 3, 300, 451]");
        assertThat(img.max().item()).isLessThanOrEqualTo(1f);
        assertThat(img.min(new int[] {0, 1, 2, 3}, false).item()).isGreaterThanOrEqualTo(0f);
    }

    @Test
    void articlePipelineOnBytesMatchesTorchvision() throws IOException {
        Tensor ours = Transforms.resize(Images.read8(cat), 224, 224, Interpolation.BILINEAR).toTensor();
        Closeness c = Closeness.of("article, 8-bit", ours, expected.get("article"), 1 / 255.0);
        assertThat(c.fractionWithin()).isGreaterThanOrEqualTo(0.999);
        assertThat(c.maxAbsDiff()).as("PIL emulated bit for bit").isLessThan(1e-6);
    }

    @Test
    void timmPipelineOnBytesMatchesTorchvision() throws IOException {
        Image8 resized = Transforms.resizeShorter(Images.read8(cat), 248, Interpolation.BICUBIC);
        assertThat(new int[] {resized.height(), resized.width()}).containsExactly(248, 372);
        Tensor ours = Transforms.normalize(Transforms.centerCrop(resized, 224, 224).toTensor(), HALF, HALF);
        // Normalizing by std 0.5 doubles distances: one 8-bit level is 2/255 here.
        Closeness c = Closeness.of("timm, 8-bit", ours, expected.get("timm"), 2 / 255.0);
        assertThat(c.fractionWithin()).isGreaterThanOrEqualTo(0.999);
        assertThat(c.maxAbsDiff()).as("PIL emulated bit for bit").isLessThan(1e-6);
    }

    @Test
    void articlePipelineOnFloatsLandsWithinALevel() throws IOException {
        Tensor ours = Transforms.resize(Images.read(cat), 224, 224, Interpolation.BILINEAR);
        Closeness c = Closeness.of("article, float", ours, expected.get("article"), 1 / 255.0);
        assertThat(c.fractionWithin()).isGreaterThanOrEqualTo(0.999);
    }

    @Test
    void timmPipelineOnFloatsLandsWithinALevel() throws IOException {
        Tensor resized = Transforms.resizeShorter(Images.read(cat), 248, Interpolation.BICUBIC);
        Tensor ours = Transforms.normalize(Transforms.centerCrop(resized, 224, 224), HALF, HALF);
        Closeness c = Closeness.of("timm, float", ours, expected.get("timm"), 2 / 255.0);
        assertThat(c.fractionWithin()).isGreaterThanOrEqualTo(0.999);
    }

    /** How close two tensors of the same shape are, printed for the record. */
    record Closeness(double fractionWithin, double maxAbsDiff, double fractionExact) {
        static Closeness of(String what, Tensor ours, Tensor ref, double tolerance) {
            assertThat(ours.shape()).as(what + ": shape").isEqualTo(ref.shape());
            float[] a = ours.toFloatArray();
            float[] b = ref.toFloatArray();
            int within = 0;
            int exact = 0;
            double max = 0;
            for (int i = 0; i < a.length; i++) {
                double d = Math.abs((double) a[i] - b[i]);
                max = Math.max(max, d);
                within += d <= tolerance + 1e-6 ? 1 : 0;
                exact += d <= 1e-6 ? 1 : 0;
            }
            Closeness c = new Closeness((double) within / a.length, max, (double) exact / a.length);
            System.out.printf("%s %s: %.4f%% within %.5f, %.4f%% equal (1e-6), max |diff| %.6f (%.2f/255)%n",
                what, ours.shape(), 100 * c.fractionWithin, tolerance, 100 * c.fractionExact, max, max * 255);
            return c;
        }
    }
}
