// SPDX-License-Identifier: MIT
package vit.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Chapter08Test {
    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Chapter08.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theFashionModelHasAbout300kParameters() {
        long n = new vit.model.ViT(Chapter08.FASHION, new vit.tensor.Generator(0)).parameterCount();
        System.out.println("ViT(fashion): " + n + " parameters, " + Chapter08.FASHION.numPatches() + " patches");
        assertThat(n).isEqualTo(305_034L);
        assertThat(Chapter08.FASHION.numPatches()).isEqualTo((28 / 4) * (28 / 4));
    }

    @Test
    void badUsageIsExplained() throws Exception {
        Result typo = run("train", "--epoch", "3");
        assertThat(typo.status()).isEqualTo(2);
        assertThat(typo.err()).contains("train: unknown option '--epoch'").contains("usage:");
        assertThat(run("train", "--epochs", "x").err()).contains("--epochs expects a whole number, got 'x'");
        assertThat(run("train", "--epochs", "0").err()).contains("--epochs must be at least 1, got 0");
        assertThat(run("fly").err()).contains("unknown command 'fly'");
        assertThat(run("train", "--threads", "0").err()).contains("--threads expects a whole number of at least 1, got '0'");
        assertThat(run("evaluate").err()).contains("--checkpoint FILE is required");
        assertThat(run("help").out()).contains("Chapter08 train [options]");
    }

    @Test
    void missingDataIsAnErrorThatSaysWhereToGetIt() throws Exception {
        Result r = run("train", "--data", dir.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("train-images-idx3-ubyte.gz").contains("dataset-fashion-mnist");
    }

    @Test
    void trainsEvaluatesAndResumesOnATinyDataSet() throws Exception {
        IdxFiles.fashion(dir, 40, 28, true);
        Path ckpt = dir.resolve("out/model.safetensors");
        Result train = run("train", "--data", dir.toString(), "--epochs", "1", "--batch", "20", "--out", ckpt.toString(), "--threads", "1");
        assertThat(train.err()).isEmpty();
        assertThat(train.status()).isZero();
        assertThat(train.out()).contains("305,034 parameters").contains("40 training and 40 test images").contains("per epoch, 1 CPU thread").doesNotContain("1 CPU threads").contains("\r")
            .contains("epoch 1: test loss").contains("figure: confusion matrix");
        assertThat(ckpt).exists();
        assertThat(Checkpoints.optimizerFile(ckpt)).exists();
        Result resumed = run("train", "--data", dir.toString(), "--epochs", "2", "--batch", "20", "--out", ckpt.toString(), "--resume",
            ckpt.toString());
        assertThat(resumed.out()).contains("resumed " + ckpt + " after epoch 1 (step 2)").contains("epoch 2/2").doesNotContain("epoch 1/2");
        assertThat(Checkpoints.metadata(ckpt)).containsEntry("epoch", "2").containsEntry("step", "4");
        Result eval = run("evaluate", "--checkpoint", ckpt.toString(), "--data", dir.toString());
        assertThat(eval.status()).isZero();
        assertThat(eval.out()).contains("test accuracy").contains("Ankle boot");
    }
}
