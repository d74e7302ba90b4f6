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
        Result r = run("train", "--data", dir.toString(), "--no-download");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("train-images-idx3-ubyte.gz").contains("dataset-fashion-mnist").contains("--no-download");
        assertThat(run("evaluate", "--checkpoint", "x.safetensors", "--no-download", "--data", dir.toString()).err()).contains("x.safetensors");
    }

    /** Offline (here: a mirror on a loopback port where nothing listens): one line that names the files, the folder and the URL. */
    @Test
    void offlineIsOneLine() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/";
        Result r = run("train", "--data", dir.resolve("fm").toString(), "--mirror", url, "--epochs", "1");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("error: cannot download Fashion-MNIST (ConnectException")
            .contains("train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz in "
                + dir.resolve("fm")).contains("(from " + url + ")");
        assertThat(dir.resolve("fm")).isEmptyDirectory();
    }

    /**
     * A fresh machine: nothing in {@code --data DIR}, so {@code train} downloads the real release, here from a loopback
     * mirror that serves Debian's copies (packed again, so they pass by their unpacked checksums), and trains on a few
     * of its images. Skipped where Debian's dataset-fashion-mnist is not installed.
     */
    @Test
    void trainDownloadsTheReleaseFromAMirrorAndTrains() throws Exception {
        org.assertj.core.api.Assumptions.assumeThat(FashionMnist.isPresent(FashionMnist.DEFAULT_DIR)).as("Debian's dataset-fashion-mnist").isTrue();
        try (vit.training.data.LoopbackServer mirror = new vit.training.data.LoopbackServer()) {
            for (var f : vit.training.data.FashionMnistFiles.RELEASE) {
                mirror.serve(f.name(), java.nio.file.Files.readAllBytes(FashionMnist.DEFAULT_DIR.resolve(f.name())),
                    vit.training.data.LoopbackServer.Mode.WHOLE);
            }
            Path data = dir.resolve("fashion-mnist");
            Result r = run("train", "--data", data.toString(), "--mirror", mirror.url(), "--epochs", "1", "--limit", "64", "--test-limit", "64",
                "--batch", "32", "--out", dir.resolve("m.safetensors").toString());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).contains("Fashion-MNIST: downloading train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
                + "t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz from " + mirror.url() + " into " + data)
                .contains("64 training and 64 test images from " + data).contains("epoch 1: test loss");
            try (var files = java.nio.file.Files.list(data)) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("t10k-images-idx3-ubyte.gz",
                    "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
            }
        }
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

    /**
     * Chapter 07's {@code classify} on a trained checkpoint and one of the test pictures it wrote: the checkpoint's
     * metadata makes 07 prepare the picture as training did (grey, no crop, Fashion-MNIST's mean and std) and print the
     * class names. Checked against the model applied by hand to the IDX pixels normalized as {@link Batches} does.
     */
    @Test
    void chapter07ClassifiesATestPictureWithTheTrainedCheckpoint() throws Exception {
        IdxFiles.fashion(dir, 40, 28, false);
        Path ckpt = dir.resolve("model.safetensors");
        Result train = run("train", "--data", dir.toString(), "--epochs", "1", "--batch", "20", "--out", ckpt.toString(), "--threads", "1");
        assertThat(train.status()).isZero();
        assertThat(Checkpoints.metadata(ckpt)).containsEntry("vit.input.mean", "0.286").containsEntry("vit.input.std", "0.353")
            .containsEntry("vit.input.crop_pct", "1.0").containsEntry("vit.num_heads", "4")
            .containsEntry("vit.labels", String.join("\n", FashionMnist.CLASSES));
        FashionMnist test = FashionMnist.load(dir, FashionMnist.Split.TEST);
        String slug = FashionMnist.CLASSES.get(test.label(0)).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        Path picture = TrainingFigures.SAMPLES.resolve("test-0-" + slug + ".png");
        assertThat(train.out()).contains("pictures: the first 4 test images -> " + TrainingFigures.SAMPLES);
        assertThat(picture).exists();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = vit.model.Cli.run(new String[] {"classify", "--weights", ckpt.toString(), "--image", picture.toString(), "--top", "1"},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.print(printed + err.toString(StandardCharsets.UTF_8));
        assertThat(status).isZero();
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
}
