// SPDX-License-Identifier: MIT
package vit.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Chapter08Test {
    @TempDir
    Path dir;

    /** A training run of {@code epochs} at batch 20 on the files in {@code dir}; returns what it printed. */
    static String train(Path dir, int epochs, Path out, Path resume) throws Exception {
        TrainCommand.Settings d = TrainCommand.Settings.defaults();
        TrainCommand.Settings s = new TrainCommand.Settings(dir, epochs, 20, d.lr(), d.minLr(), d.warmup(), d.weightDecay(), d.clip(),
            d.seed(), d.limit(), d.testLimit(), d.maxSteps(), out, resume);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var threads = vit.tensor.cpu.Parallel.withThreads(1)) {
            TrainCommand.run(s, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        return printed;
    }

    @Test
    void theFashionModelHasAbout300kParameters() {
        long n = new vit.model.ViT(Chapter08.FASHION, new vit.tensor.Generator(0)).parameterCount();
        System.out.println("ViT(fashion): " + n + " parameters, " + Chapter08.FASHION.numPatches() + " patches");
        assertThat(n).isEqualTo(305_034L);
        assertThat(Chapter08.FASHION.numPatches()).isEqualTo((28 / 4) * (28 / 4));
    }

    @Test
    void missingDataIsAnErrorThatSaysWhereToGetIt() throws Exception {
        assertThatThrownBy(() -> train(dir, 1, dir.resolve("m.safetensors"), null)).isInstanceOf(java.io.IOException.class)
            .hasMessageContaining("train-images-idx3-ubyte.gz").hasMessageContaining("dataset-fashion-mnist");
    }

    @Test
    void trainsEvaluatesAndResumesOnATinyDataSet() throws Exception {
        IdxFiles.fashion(dir, 40, 28, true);
        Path ckpt = dir.resolve("out/model.safetensors");
        String train = train(dir, 1, ckpt, null);
        assertThat(train).contains("305,034 parameters").contains("40 training and 40 test images").contains("per epoch, 1 CPU thread").doesNotContain("1 CPU threads").contains("\r")
            .contains("epoch 1: test loss").contains("figure: confusion matrix");
        assertThat(ckpt).exists();
        assertThat(Checkpoints.optimizerFile(ckpt)).exists();
        String resumed = train(dir, 2, ckpt, ckpt);
        assertThat(resumed).contains("resumed " + ckpt + " after epoch 1 (step 2)").contains("epoch 2/2").doesNotContain("epoch 1/2");
        assertThat(Checkpoints.metadata(ckpt)).containsEntry("epoch", "2").containsEntry("step", "4");
        ByteArrayOutputStream eval = new ByteArrayOutputStream();
        EvaluateCommand.run(new EvaluateCommand.Settings(ckpt, dir, 256, Integer.MAX_VALUE), new PrintStream(eval, true, StandardCharsets.UTF_8));
        assertThat(eval.toString(StandardCharsets.UTF_8)).contains("test accuracy").contains("Ankle boot");
    }
}
