// SPDX-License-Identifier: MIT
package vit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vit.training.Checkpoints;
import vit.training.FashionMnist;
import vit.training.IdxFiles;

/** Chapter 08's training and chapter 07's commands meet here: the checkpoint {@code train} writes is one {@code classify} reads. */
class TrainedCheckpointTest {
    /** Where {@code train} writes its test pictures (08's TrainingFigures), relative to the working directory. */
    static final Path SAMPLES = Path.of("target", "fashion-samples");

    @TempDir
    Path dir;

    /**
     * {@code vit train} on a tiny data set, then {@code vit classify} on the checkpoint and one of the test pictures it wrote: the checkpoint's
     * metadata makes 07 prepare the picture as training did (grey, no crop, Fashion-MNIST's mean and std) and print the
     * class names. Checked against the model applied by hand to the IDX pixels normalized as {@link Batches} does.
     */
    @Test
    void chapter07ClassifiesATestPictureWithTheTrainedCheckpoint() throws Exception {
        IdxFiles.fashion(dir, 40, 28, false);
        Path ckpt = dir.resolve("model.safetensors");
        VitTest.Run train = VitTest.cli("train", "--data", dir.toString(), "--epochs", "1", "--batch", "20", "--out", ckpt.toString(),
            "--threads", "1");
        assertThat(train.status()).isZero();
        assertThat(train.err()).isEmpty();
        assertThat(Checkpoints.metadata(ckpt)).containsEntry("vit.input.mean", "0.286").containsEntry("vit.input.std", "0.353")
            .containsEntry("vit.input.crop_pct", "1.0").containsEntry("vit.num_heads", "4")
            .containsEntry("vit.labels", String.join("\n", FashionMnist.CLASSES));
        FashionMnist test = FashionMnist.load(dir, FashionMnist.Split.TEST);
        String slug = FashionMnist.CLASSES.get(test.label(0)).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        Path picture = SAMPLES.resolve("test-0-" + slug + ".png");
        assertThat(train.out()).contains("pictures: the first 4 test images -> " + SAMPLES);
        assertThat(picture).exists();

        VitTest.Run classify = VitTest.cli("classify", "--weights", ckpt.toString(), "--image", picture.toString(), "--top", "1");
        assertThat(classify.status()).isZero();
        String printed = classify.out();
        assertThat(printed).contains("4 heads").contains("in grey, shorter side to 28 (bicubic), center crop 28, normalized with mean 0.286 and std 0.353");

        vit.model.ViT model = vit.model.Checkpoint.load(ckpt, new vit.model.Checkpoint.Options(vit.attention.Variant.TIMM, 4, 0)).model();
        float[] pixels = new float[28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (test.images().unsigned(i) / 255f - FashionMnist.MEAN) / FashionMnist.STD;
        }
        float[] z;
        try (var off = vit.tensor.GradMode.disabled()) {
            model.eval();
            z = model.apply(vit.tensor.Tensor.of(pixels, vit.tensor.Shape.of(1, 1, 28, 28))).toFloatArray();
        }
        int best = 0;
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            best = z[i] > z[best] ? i : best;
        }
        for (float v : z) {
            sum += Math.exp(v - z[best]);
        }
        String line = String.format(java.util.Locale.ROOT, "%6.2f%%  %s", 100 / sum, FashionMnist.CLASSES.get(best));
        assertThat(printed).contains("  1  " + line);
    }

    @Test
    void evaluateReadsWhatTrainWrote() {
        try {
            IdxFiles.fashion(dir, 40, 28, true);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path ckpt = dir.resolve("m.safetensors");
        assertThat(VitTest.cli("train", "--data", dir.toString(), "--epochs", "1", "--batch", "20", "--max-steps", "1",
            "--out", ckpt.toString()).out()).contains("stopped after 1 steps");
        VitTest.Run missing = VitTest.cli("evaluate", "--checkpoint", ckpt.toString(), "--data", dir.toString());
        assertThat(missing.status()).isEqualTo(Vit.FAILED);
        assertThat(missing.err().strip()).isEqualTo("error: no such file: " + ckpt);
        VitTest.Run noData = VitTest.cli("train", "--data", dir.resolve("none").toString());
        assertThat(noData.status()).isEqualTo(Vit.FAILED);
        assertThat(noData.err()).startsWith("error: ").contains("train-images-idx3-ubyte.gz");
        assertThat(noData.err().strip().lines()).hasSize(1);
    }
}
