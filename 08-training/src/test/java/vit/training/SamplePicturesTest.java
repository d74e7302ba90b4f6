// SPDX-License-Identifier: MIT
package vit.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vit.model.ViT;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/** The tool that writes {@code models/fashion-samples/}, on a small data set and a random-weight checkpoint. */
class SamplePicturesTest {
    @TempDir
    Path dir;

    @Test
    void writesTheFirstPicturesOfEachClassAndWhatTheModelSays() throws Exception {
        IdxFiles.fashion(dir, 40, 28, true);                       // image i: all pixels 10 i + split, label i % 10
        ViT vit = new ViT(Chapter08.FASHION, new Generator(3));
        Path ckpt = dir.resolve("m.safetensors");
        Checkpoints.save(vit, ckpt, FashionMnist.inputMetadata(4));
        Path out = dir.resolve("samples");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SamplePictures.run(new String[] {"--checkpoint", ckpt.toString(), "--out", out.toString(), "--per-class", "2", "--data",
            dir.toString(), "--no-download"}, new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("pictures: 20 test images (2 per class) -> " + out);
        List<String> lines = Files.readAllLines(out.resolve(SamplePictures.PREDICTIONS));
        assertThat(lines).hasSize(21);
        assertThat(lines.get(0)).startsWith("# picture\ttest_index");
        SamplePictures.Prediction first = SamplePictures.Prediction.parse(lines.get(1));
        assertThat(first.picture()).isEqualTo("test-0000-t-shirt-top.png");
        assertThat(SamplePictures.Prediction.parse(lines.get(20)).picture()).isEqualTo("test-0019-ankle-boot.png");
        assertThat(out.resolve("test-0017-sneaker.png")).exists();

        // Test image 0 is all 1s (10 * 0 + split 1): the model on those pixels, normalised by hand, says what was recorded.
        float[] x = new float[28 * 28];
        java.util.Arrays.fill(x, (1 / 255f - 0.2860f) / 0.3530f);
        float[] p;
        try (var off = GradMode.disabled()) {
            vit.eval();
            p = vit.apply(Tensor.of(x, Shape.of(1, 1, 28, 28))).softmax(-1).toFloatArray();
        }
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            best = p[k] > p[best] ? k : best;
        }
        assertThat(first.predictedClass()).isEqualTo(FashionMnist.CLASSES.get(best));
        assertThat(first.probability()).isCloseTo(p[best], Offset.offset(1e-4));
        assertThat(first.trueClass()).isEqualTo("T-shirt/top");
    }

    @Test
    void badFlagsAreNamed() {
        assertThatThrownBy(() -> SamplePictures.run(new String[] {"--per-class", "0"}, System.out)).hasMessageContaining("--per-class must be at least 1, got 0");
        assertThatThrownBy(() -> SamplePictures.run(new String[] {"--outt", "x"}, System.out)).hasMessageContaining("unexpected '--outt'");
        assertThat(SamplePictures.slug("T-shirt/top")).isEqualTo("t-shirt-top");
    }
}
