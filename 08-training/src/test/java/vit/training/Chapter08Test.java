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
import vit.training.data.DataOptions;

class Chapter08Test {
    @TempDir
    Path dir;

    /** A training run of {@code epochs} at batch 20 on the files in {@code dir}; returns what it printed. */
    static String train(Path dir, int epochs, Path out, Path resume) throws Exception {
        TrainCommand.Settings d = TrainCommand.Settings.defaults();
        // Tests never download: the files are in dir, or the run must fail.
        return run(new TrainCommand.Settings(DataOptions.of(dir, null, false), epochs, 20, d.lr(), d.minLr(), d.warmup(), d.weightDecay(),
            d.clip(), d.seed(), d.limit(), d.testLimit(), d.maxSteps(), out, resume));
    }

    /** A run of {@code epochs} at {@code batch} on the first {@code limit} training and test images from {@code data}. */
    static String train(DataOptions data, int epochs, int batch, int limit, Path out) throws Exception {
        TrainCommand.Settings d = TrainCommand.Settings.defaults();
        return run(new TrainCommand.Settings(data, epochs, batch, d.lr(), d.minLr(), d.warmup(), d.weightDecay(), d.clip(), d.seed(), limit,
            limit, d.maxSteps(), out, null));
    }

    private static String run(TrainCommand.Settings s) throws Exception {
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
            .hasMessageContaining("train-images-idx3-ubyte.gz").hasMessageContaining("dataset-fashion-mnist")
            .hasMessageContaining("--no-download");
    }

    /** Offline (here: a mirror on a loopback port where nothing listens): one line that names the files, the folder and the URL. */
    @Test
    void offlineIsOneLine() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/";
        Path fm = dir.resolve("fm");
        assertThatThrownBy(() -> train(DataOptions.of(fm, url, true), 1, 20, Integer.MAX_VALUE, dir.resolve("m.safetensors")))
            .isInstanceOf(java.io.IOException.class)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").startsWith("cannot download Fashion-MNIST (ConnectException")
                .contains("train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz in "
                    + fm).contains("(from " + url + ")"));
        assertThat(fm).isEmptyDirectory();
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
            String out = train(DataOptions.of(data, mirror.url(), true), 1, 32, 64, dir.resolve("m.safetensors"));
            assertThat(out).contains("Fashion-MNIST: downloading train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
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
        String train = train(dir, 1, ckpt, null);
        assertThat(train).contains("305,034 parameters").contains("40 training and 40 test images").contains("per epoch, 1 CPU thread").doesNotContain("1 CPU threads").contains("\r")
            .contains("epoch 1: test loss").contains("figure: confusion matrix");
        assertThat(ckpt).exists();
        assertThat(Checkpoints.optimizerFile(ckpt)).exists();
        String resumed = train(dir, 2, ckpt, ckpt);
        assertThat(resumed).contains("resumed " + ckpt + " after epoch 1 (step 2)").contains("epoch 2/2").doesNotContain("epoch 1/2");
        assertThat(Checkpoints.metadata(ckpt)).containsEntry("epoch", "2").containsEntry("step", "4");
        ByteArrayOutputStream eval = new ByteArrayOutputStream();
        EvaluateCommand.run(new EvaluateCommand.Settings(ckpt, DataOptions.of(dir, null, false), 256, Integer.MAX_VALUE), new PrintStream(eval, true, StandardCharsets.UTF_8));
        assertThat(eval.toString(StandardCharsets.UTF_8)).contains("test accuracy").contains("Ankle boot");
    }
}
