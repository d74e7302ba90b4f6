// SPDX-License-Identifier: MIT
package vit.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import vit.data.FashionVit;
import vit.model.ViT;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.training.data.DataOptions;

/**
 * The model in {@code models/} (remade by {@code models/make-fashion-vit.sh}): it loads, it names the shipped
 * pictures as {@code predictions.tsv} recorded, and on the whole test set, when it is on this machine, it scores
 * at least 88%.
 */
class ShippedModelTest {
    static final Path MODEL = FashionVit.find().orElseThrow(() -> new AssertionError(FashionVit.notFound()));
    static final Path PICTURES = MODEL.getParent().resolve("fashion-samples");

    static List<SamplePictures.Prediction> recorded() throws Exception {
        List<SamplePictures.Prediction> out = new ArrayList<>();
        for (String line : Files.readAllLines(PICTURES.resolve(SamplePictures.PREDICTIONS))) {
            if (!line.startsWith("#")) {
                out.add(SamplePictures.Prediction.parse(line));
            }
        }
        return out;
    }

    @Test
    void itLoadsWithItsSizesLabelsAndNormalisation() throws Exception {
        assertThat(Files.size(MODEL)).isBetween(1_100_000L, 1_400_000L);
        assertThat(Checkpoints.config(MODEL)).isEqualTo(Chapter08.FASHION);
        Map<String, String> meta = Checkpoints.metadata(MODEL);
        assertThat(meta).containsEntry("vit.labels", String.join("\n", FashionMnist.CLASSES)).containsEntry("vit.input.mean", "0.286")
            .containsEntry("vit.input.std", "0.353").containsEntry("vit.num_heads", "4").containsEntry("epoch", "4").containsEntry("seed", "0");
        assertThat(Double.parseDouble(meta.get("test_accuracy"))).isGreaterThanOrEqualTo(0.88);
        ViT vit = new ViT(Chapter08.FASHION, new Generator(0));
        Checkpoints.load(vit, MODEL);
        assertThat(vit.parameterCount()).isEqualTo(305_034L);
    }

    /**
     * Each picture read straight from its PNG (ImageIO, not the project's reader), normalised with Fashion-MNIST's
     * constants, through the loaded model: the class and probability recorded. The names' classes are an independent
     * check: nearly all of them must be what the model says.
     */
    @Test
    void itNamesTheShippedPicturesAsRecorded() throws Exception {
        List<SamplePictures.Prediction> recorded = recorded();
        assertThat(recorded).hasSize(20);
        ViT vit = new ViT(Chapter08.FASHION, new Generator(0));
        Checkpoints.load(vit, MODEL);
        vit.eval();
        int right = 0;
        int[] perClass = new int[10];
        for (SamplePictures.Prediction r : recorded) {
            BufferedImage img = ImageIO.read(PICTURES.resolve(r.picture()).toFile());
            assertThat(img.getWidth()).as(r.picture()).isEqualTo(28);
            float[] x = new float[28 * 28];
            for (int y = 0; y < 28; y++) {
                for (int c = 0; c < 28; c++) {
                    x[y * 28 + c] = ((img.getRGB(c, y) & 0xFF) / 255f - 0.2860f) / 0.3530f;
                }
            }
            float[] z;
            try (var off = GradMode.disabled()) {
                z = vit.apply(Tensor.of(x, Shape.of(1, 1, 28, 28))).toFloatArray();
            }
            int best = 0;
            for (int k = 1; k < z.length; k++) {
                best = z[k] > z[best] ? k : best;
            }
            double sum = 0;
            for (float v : z) {
                sum += Math.exp(v - z[best]);
            }
            System.out.printf("%s: %s %.4f (recorded %s %.4f)%n", r.picture(), FashionMnist.CLASSES.get(best), 1 / sum, r.predictedClass(),
                r.probability());
            assertThat(FashionMnist.CLASSES.get(best)).as(r.picture()).isEqualTo(r.predictedClass());
            assertThat(1 / sum).as(r.picture()).isCloseTo(r.probability(), org.assertj.core.data.Offset.offset(2e-3));
            assertThat(r.picture()).endsWith("-" + SamplePictures.slug(r.trueClass()) + ".png").startsWith(String.format("test-%04d-", r.testIndex()));
            right += r.predictedClass().equals(r.trueClass()) ? 1 : 0;
            perClass[FashionMnist.CLASSES.indexOf(r.trueClass())]++;
        }
        assertThat(perClass).containsOnly(2);
        assertThat(right).isGreaterThanOrEqualTo(17);
    }

    /** The pictures are the test images their names say, with those labels (needs the test set on this machine). */
    @Test
    void thePicturesAreTheTestImagesTheirNamesSay() throws Exception {
        Path dir = presentData();
        FashionMnist test = FashionMnist.load(dir, FashionMnist.Split.TEST);
        for (SamplePictures.Prediction r : recorded()) {
            assertThat(FashionMnist.CLASSES.get(test.label(r.testIndex()))).as(r.picture()).isEqualTo(r.trueClass());
            BufferedImage img = ImageIO.read(PICTURES.resolve(r.picture()).toFile());
            for (int i = 0; i < 28 * 28; i++) {
                assertThat(img.getRGB(i % 28, i / 28) & 0xFF).isEqualTo(test.images().unsigned(r.testIndex() * 784 + i));
            }
        }
    }

    /** {@code evaluate} on the whole test set prints at least 88% (skipped where Fashion-MNIST is not on the machine). */
    @Test
    void evaluateOnTheWholeTestSetPrintsAtLeast88Percent() throws Exception {
        Path dir = presentData();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EvaluateCommand.run(new EvaluateCommand.Settings(MODEL, DataOptions.of(dir, null, false), 256, Integer.MAX_VALUE),
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("10000 test images[\\s\\S]*test accuracy (\\d+\\.\\d+)%").matcher(printed);
        assertThat(m.find()).as(printed).isTrue();
        System.out.println("evaluate " + FashionVit.FILE + ": " + m.group(1) + "%");
        assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(88.0);
    }

    /** Debian's folder or the download cache, when either holds Fashion-MNIST; the test is skipped otherwise (never a download). */
    static Path presentData() {
        Path dir = FashionMnist.isPresent(FashionMnist.DEFAULT_DIR) ? FashionMnist.DEFAULT_DIR : DataOptions.defaultCache();
        assumeThat(FashionMnist.isPresent(dir)).as("Fashion-MNIST in " + FashionMnist.DEFAULT_DIR + " or " + dir).isTrue();
        return dir;
    }
}
