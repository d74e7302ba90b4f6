// SPDX-License-Identifier: MIT
package vit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vit.attention.Variant;
import vit.data.Cat;
import vit.data.Figures;
import vit.model.Checkpoint;
import vit.model.TimmNames;
import vit.model.ViT;
import vit.model.ViTConfig;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.cuda.Cuda;
import vit.tensor.image.Image8;
import vit.tensor.image.Images;
import vit.tensor.io.SafeTensors;
import vit.tensor.testing.Fixtures;

class VitTest {
    @TempDir
    Path dir;
    Path weights;
    Path input;

    /** What one run printed, and its exit status. */
    record Run(int status, String out, String err) {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Vit.run(args, o, e);
        }
        Run r = new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        System.out.println("$ " + String.join(" ", args) + "   -> exit " + status);
        System.out.print(r.out() + r.err());
        return r;
    }

    static void assertNoStackTrace(Run r) {
        assertThat(r.out() + r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @BeforeEach
    void writeTheMiniCheckpoint() throws IOException {
        weights = dir.resolve("model.safetensors");
        SafeTensors.write(weights, Fixtures.load("vit-mini/weights.safetensors"));
        input = dir.resolve("input.safetensors");
        SafeTensors.write(input, Fixtures.load("vit-mini/input.safetensors"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"timm", "article"})
    void forwardWritesWhatPyTorchComputed(String variant) throws IOException {
        Path out = dir.resolve("out-" + variant + ".safetensors");
        Run r = cli("forward", "--weights", weights.toString(), "--input", input.toString(), "--variant", variant, "--heads", "4",
            "--out", out.toString());
        assertThat(r.status()).isZero();
        Map<String, Tensor> ours = SafeTensors.read(out);
        Map<String, Tensor> expected = Fixtures.load("vit-mini/expected-" + variant + ".safetensors");
        assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (String tap : expected.keySet()) {
            assertThat(ours.get(tap).shape()).isEqualTo(expected.get(tap).shape());
            Fixtures.assertClose("forward --variant " + variant + ": " + tap, ours.get(tap), expected.get(tap), 1e-5);
        }
    }

    @Test
    void classifyPrintsTheTopClassesOfTheCatAndDrawsThem() throws IOException {
        Path png = Figures.path("classify.png");
        Files.deleteIfExists(png);
        Run r = cli("classify", "--weights", weights.toString(), "--heads", "4", "--top", "3");
        assertThat(r.status()).isZero();
        // Independently: the same weights put in by name, the cat prepared by hand, softmax in float64.
        ViT vit = Checkpoint.load(weights, new Checkpoint.Options(Variant.TIMM, 4, 0)).model();
        float[] z = vit.apply(Inputs.timm(Cat.load(), 32)).toFloatArray();
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int best = 0;
        for (int i = 0; i < z.length; i++) {
            max = Math.max(max, z[i]);
            best = z[i] > z[best] ? i : best;
        }
        for (float v : z) {
            sum += Math.exp(v - max);
        }
        double p = Math.exp(z[best] - max) / sum;
        Matcher m = Pattern.compile("\\n\\s+1\\s+([0-9.]+)%\\s+class (\\d+)\\n").matcher(r.out());
        assertThat(m.find()).as("a first line '1  pp.pp%%  class i' in:%n%s", r.out()).isTrue();
        assertThat(Integer.parseInt(m.group(2))).isEqualTo(best);
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(100 * p, org.assertj.core.data.Offset.offset(0.006));
        assertThat(r.out()).contains("top 3:").contains("shorter side to 35").contains("center crop 32");
        assertThat(ImageIO.read(png.toFile())).isNotNull();
    }

    /**
     * {@code ./vit classify --weights models/fashion-vit.safetensors --image <picture>}: the shipped model names the first
     * shipped picture as chapter 08 recorded it, with the same probability (predictions.tsv), following the checkpoint's
     * metadata (one grey channel, its mean and std, its class names, its head count).
     */
    @Test
    void classifyNamesAShippedFashionPicture() throws IOException {
        Path model = vit.data.FashionVit.find().orElseThrow(() -> new AssertionError(vit.data.FashionVit.notFound()));
        String[] first = Files.readAllLines(model.getParent().resolve("fashion-samples/predictions.tsv")).stream()
            .filter(l -> !l.startsWith("#")).findFirst().orElseThrow().split("\t");
        Run r = cli("classify", "--weights", model.toString(), "--image", vit.data.FashionVit.picture(model, first[0]).toString(), "--top", "3");
        assertThat(r.status()).as(r.err()).isZero();
        Matcher top = Pattern.compile("(?m)^\\s+1\\s+(\\d+\\.\\d+)%  (.+?) \\(class \\d+\\)$").matcher(r.out());
        assertThat(top.find()).as(r.out()).isTrue();
        assertThat(top.group(2)).isEqualTo(first[3]);
        assertThat(Double.parseDouble(top.group(1))).isCloseTo(100 * Double.parseDouble(first[4]), org.assertj.core.data.Offset.offset(0.2));
    }

    @Test
    void classifyReadsAnImageFile() throws IOException {
        Path png = dir.resolve("cat-left.png");
        vit.tensor.image.Images.writePng(Cat.load().crop(0, 0, 300, 200).toTensor(), png);
        Run r = cli("classify", "--weights", weights.toString(), "--heads", "4", "--image", png.toString(), "--top", "1");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("image: " + png).contains("top 1:");

        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not a picture");
        Run bad = cli("classify", "--weights", weights.toString(), "--heads", "4", "--image", text.toString());
        assertThat(bad.status()).isEqualTo(Vit.FAILED);
        assertThat(bad.err()).startsWith("error: ").contains(text.toString());
        assertNoStackTrace(bad);

        Run missing = cli("classify", "--preset", "mini-timm", "--image", dir.resolve("nope.jpg").toString());
        assertThat(missing.status()).isEqualTo(Vit.FAILED);
        assertThat(missing.err().strip()).isEqualTo("error: no such file: " + dir.resolve("nope.jpg"));
    }

    /** A one-channel checkpoint whose metadata names its mean, std, crop and classes (as chapter 08 writes them). */
    private Path greyCheckpoint(ViT vit, Map<String, String> metadata) throws IOException {
        Map<String, Tensor> tensors = new java.util.LinkedHashMap<>();
        TimmNames.parameters(vit).forEach((name, p) -> tensors.put(name,
            name.equals("pos_embed") && p.value().rank() == 2 ? p.value().reshape(1, p.value().size(0), p.value().size(1)) : p.value()));
        Path file = dir.resolve("grey.safetensors");
        SafeTensors.write(file, tensors, metadata);
        return file;
    }

    @Test
    void classifyPreparesAGreyPictureAsTheCheckpointSays() throws IOException {
        ViT vit = new ViT(new ViTConfig("grey", 1, 4, 16, 12, 2, 2, 2, 3, 0f, Variant.TIMM), new Generator(5));
        Path file = greyCheckpoint(vit, Map.of("vit.input.mean", "0.25", "vit.input.std", "0.4", "vit.input.crop_pct", "1.0",
            "vit.labels", "Shirt\nT-shirt/top, short sleeves\nBag"));
        // A 12 x 12 RGB picture with different channels: the model must see PIL's grey, (19595 R + 38470 G + 7471 B + 2^15) >> 16.
        int[] rgb = new int[3 * 144];
        float[] expected = new float[144];
        for (int i = 0; i < 144; i++) {
            int r = (i * 37) % 256;
            int g = (i * 91 + 13) % 256;
            int b = (i * 53 + 200) % 256;
            rgb[i] = r;
            rgb[144 + i] = g;
            rgb[288 + i] = b;
            double grey = Math.floor((r * 19595 + g * 38470 + b * 7471 + 32768) / 65536.0);
            expected[i] = (float) ((grey / 255 - 0.25) / 0.4);
        }
        Path png = dir.resolve("grey-input.png");
        Images.writePng(Image8.of(12, 12, rgb).toTensor(), png);
        Run r = cli("classify", "--weights", file.toString(), "--image", png.toString(), "--top", "3");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("in grey, shorter side to 12 (bicubic), center crop 12, normalized with mean 0.25 and std 0.4");
        float[] z = vit.apply(Tensor.of(expected, Shape.of(1, 1, 12, 12))).toFloatArray();
        List<String> names = List.of("Shirt", "T-shirt/top, short sleeves", "Bag");
        int best = z[0] >= z[1] && z[0] >= z[2] ? 0 : z[1] >= z[2] ? 1 : 2;
        Matcher m = Pattern.compile("\\n\\s+1\\s+[0-9.]+%\\s+(.+?)( \\(class (\\d+)\\))?\\n").matcher(r.out());
        assertThat(m.find()).as("a first line in:%n%s", r.out()).isTrue();
        assertThat(m.group(1)).isEqualTo(names.get(best));
        assertThat(Integer.parseInt(m.group(3))).isEqualTo(best);

        Run attention = cli("attention", "--weights", file.toString(), "--image", png.toString(), "--num-heads", "2");
        assertThat(attention.status()).isZero();
    }

    @Test
    void badInputMetadataFailsWithOneLineNamingFileKeyAndValues() throws IOException {
        ViT vit = new ViT(new ViTConfig("grey", 1, 4, 16, 12, 2, 2, 2, 3, 0f, Variant.TIMM), new Generator(5));
        Path labels = greyCheckpoint(vit, Map.of("vit.labels", "one\ntwo"));
        Run r = cli("classify", "--weights", labels.toString());
        assertThat(r.status()).isEqualTo(Vit.FAILED);
        assertThat(r.err()).contains(labels.toString()).contains("vit.labels").contains("names 2 classes").contains("the head has 3");
        assertNoStackTrace(r);
        Path mean = greyCheckpoint(vit, Map.of("vit.input.mean", "0.1,0.2"));
        Run m = cli("classify", "--weights", mean.toString());
        assertThat(m.status()).isEqualTo(Vit.FAILED);
        assertThat(m.err()).contains("vit.input.mean '0.1,0.2' has 2 numbers, expected 1 (the model has one input channel)");
        Path std = greyCheckpoint(vit, Map.of("vit.input.std", "zero"));
        Run sd = cli("classify", "--weights", std.toString());
        assertThat(sd.status()).isEqualTo(Vit.FAILED);
        assertThat(sd.err()).contains("vit.input.std has 'zero', not a finite number");
    }

    @Test
    void classifyWithoutWeightsSaysTheLabelsMeanNothing() {
        Run r = cli("classify", "--preset", "mini-timm", "--top", "2");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("random").contains("mean nothing");
    }

    @Test
    void topKIsSortedAndSumsLikeASoftmax() {
        Tensor logits = Tensor.of(new float[] {1f, 3f, 2f, 3f}, 4);
        List<ClassifyCommand.Score> top = ClassifyCommand.topK(logits, List.of("a", "b", "c", "d"), 3);
        double sum = Math.exp(1) + 2 * Math.exp(3) + Math.exp(2);
        assertThat(top).extracting(ClassifyCommand.Score::label).containsExactly("b", "d", "c");
        assertThat(top.get(0).probability()).isCloseTo(Math.exp(3) / sum, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(top.get(2).probability()).isCloseTo(Math.exp(2) / sum, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void theCatIsPreparedAsTimmPreparesIt() {
        Tensor ours = Inputs.timm(Cat.load(), 224);
        Tensor torch = Fixtures.load("cat-preprocessed.safetensors").get("timm");
        System.out.println("Inputs.timm(cat, 224) " + ours.shape());
        assertThat(ours.shape()).isEqualTo(torch.shape());
        Fixtures.assertClose("timm preprocessing of the cat", ours, torch, 1e-6);
    }

    @Test
    void imagenetLabelsAreTheThousandClasses() {
        List<String> labels = Labels.forClasses(1000);
        assertThat(labels).hasSize(1000);
        assertThat(labels.get(0)).isEqualTo("tench");
        assertThat(labels.get(281)).contains("tabby");
        assertThat(Labels.forClasses(3)).containsExactly("class 0", "class 1", "class 2");
    }

    @Test
    void summaryPrintsTheTableAndTheTrueTotal() {
        // mini: conv 64*3*8*8 + 64, cls 64, positions 17*64, per block 2*128 + (64*192 + 192) + (64*64 + 64)
        // + (64*256 + 256) + (256*64 + 64), final norm 128, head 64*10 + 10.
        long block = 2 * 128 + (64 * 192 + 192) + (64 * 64 + 64) + (64 * 256 + 256) + (256 * 64 + 64);
        long total = (64 * 3 * 8 * 8 + 64) + 64 + 17 * 64 + 2 * block + 128 + (64 * 10 + 10);
        Run r = cli("summary", "--preset", "mini-timm");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("total parameters: " + vit.nn.Summary.grouped(total)).contains("Linear").contains("[-1, 10]");
        Run fromFile = cli("summary", "--weights", weights.toString(), "--heads", "4");
        assertThat(fromFile.status()).isZero();
        assertThat(fromFile.out()).contains("total parameters: " + vit.nn.Summary.grouped(total));
    }

    @Test
    void attentionDrawsTheChosenMapsTheRolloutAndThePositions() throws IOException {
        Run r = cli("attention", "--weights", weights.toString(), "--num-heads", "4", "--layers", "0,1", "--heads", "0,3");
        assertThat(r.status()).isZero();
        for (String name : List.of("attention-layer0-head0.png", "attention-layer0-head3.png", "attention-layer1-head0.png",
            "attention-layer1-head3.png", "attention-rollout.png")) {
            BufferedImage img = ImageIO.read(Figures.path(name).toFile());
            assertThat(img).as(name).isNotNull();
            assertThat(new int[] {img.getWidth(), img.getHeight()}).as(name).containsExactly(32, 32);
            assertThat(r.out()).contains(name);
        }
        assertThat(ImageIO.read(Figures.path("attention-position-similarity.png").toFile())).isNotNull();
    }

    @Test
    void attentionRejectsALayerTheModelDoesNotHave() {
        Run r = cli("attention", "--weights", weights.toString(), "--num-heads", "4", "--layers", "2");
        assertThat(r.status()).isEqualTo(Vit.USAGE);
        assertThat(r.err()).contains("--layers 2 is out of range").contains("see 'vit attention --help'");
        assertThat(r.err().strip().lines()).hasSize(1);
        assertNoStackTrace(r);
    }

    @Test
    void benchPrintsEveryIterationTheMedianAndTheShareOfTheCeiling() {
        Run r = cli("bench", "--preset", "mini-timm", "--iters", "2", "--warmup", "1", "--threads", "1");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("1 thread,").contains("iteration 1:").contains("iteration 2:").doesNotContain("iteration 3:")
            .containsPattern("median [0-9.]+ ms per forward").containsPattern("[0-9.]+ images/s")
            .containsPattern("[0-9.]+ GFLOP/s").containsPattern("CPU ceiling [0-9.]+ GFLOP/s on 1 thread .*: [0-9.]+% of it");
    }

    @Test
    void flagsMayAlsoBeWrittenWithAnEqualsSign() {
        Run r = cli("bench", "--preset=mini-article", "--iters=1", "--warmup=0", "--threads=1");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("preset mini-article").contains("1 thread,").contains("iteration 1:");
    }

    @Test
    void benchRunsACheckpointToo() {
        Run r = cli("bench", "--weights", weights.toString(), "--heads", "4", "--iters", "1", "--warmup", "0", "--batch", "2");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("batch 2").contains("median");
    }

    @Test
    void wrongCommandLinesGetTheUsageAndExitStatusTwo() {
        String[][] cases = {
            {"classify", "--bogus", "1"},
            {"classify", "--top"},
            {"classify", "--top", "zero"},
            {"classify", "--top", "0"},
            {"classify", "stray"},
            {"bench", "--iters", "2", "--iters", "3"},
            {"bench", "--preset", "vit-z"},
            {"bench", "--preset", "mini-timm", "--weights", "x.safetensors"},
            {"summary", "--variant", "paper"},
            {"summary", "--device", "gpu"},
            {"summary", "--threads", "0"},
            {"forward", "--weights", "model.safetensors"},
            {"forward", "--input", "in.safetensors", "--out", "out.safetensors"},
            {"attention"},
            {"classify", "--resample", "nearest"},
            {"classify", "--image-size", "0"},
            {"train", "--epoch", "3"},
            {"train", "--epochs", "x"},
            {"train", "--epochs", "0"},
            {"train", "--lr", "-1"},
            {"train", "--threads", "0"},
            {"evaluate"},
            {"evaluate", "--checkpoint", "a", "--checkpoint", "b"},
        };
        for (String[] args : cases) {
            Run r = cli(args);
            assertThat(r.status()).as(String.join(" ", args)).isEqualTo(Vit.USAGE);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("error: vit " + args[0] + ": ")
                .contains("see 'vit " + args[0] + " --help'");
            assertThat(r.err().strip().lines()).as(String.join(" ", args)).hasSize(1);
            assertThat(r.out()).isEmpty();
            assertNoStackTrace(r);
        }
        assertThat(cli("classify", "--topp", "3").err()).contains("did you mean --top?");
        assertThat(cli("train", "--epochs", "0").err()).contains("--epochs must be at least 1, got 0");
        assertThat(cli("evaluate").err()).contains("--checkpoint=FILE");
        Run unknown = cli("clasify");
        assertThat(unknown.status()).isEqualTo(Vit.USAGE);
        assertThat(unknown.err()).contains("'clasify'").contains("did you mean classify?");
        Run none = cli();
        assertThat(none.status()).isEqualTo(Vit.USAGE);
        assertThat(none.err()).contains("classify").contains("attention").contains("forward").contains("summary").contains("bench")
            .contains("train").contains("evaluate").doesNotContain("generate-completion");
        Run help = cli("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Usage: vit").contains("classify").contains("evaluate").doesNotContain("generate-completion");
        for (String command : List.of("classify", "attention", "forward", "summary", "bench", "train", "evaluate")) {
            Run h = cli(command, "--help");
            assertThat(h.status()).as(command).isZero();
            assertThat(h.out()).as(command).contains("Usage: vit " + command).contains("--threads=N");
        }
        assertThat(cli("bench", "--help").out()).contains("--iters=N").contains("--device=cpu|cuda|auto");
        assertThat(cli("--version").out()).startsWith("vit ");
    }

    /** The error shown in this module's README is what vit prints (the tests run in the module's folder). */
    @Test
    void theReadmesErrorExampleIsWhatVitPrints() throws IOException {
        Run r = cli("classify", "--topp", "3");
        assertThat(r.status()).isEqualTo(Vit.USAGE);
        assertThat(Files.readString(Path.of("README.md"))).contains("$ ./vit classify --topp 3\n" + r.err().strip() + "\n");
    }

    @Test
    void badFilesFailWithOneLineNamingTheFile() throws IOException {
        Path missing = dir.resolve("missing.safetensors");
        Run r = cli("classify", "--weights", missing.toString());
        assertThat(r.status()).isEqualTo(Vit.FAILED);
        assertThat(r.err()).startsWith("error: ").contains(missing.toString());
        assertThat(r.err().strip().lines()).hasSize(1);
        assertNoStackTrace(r);

        Path junk = dir.resolve("junk.safetensors");
        Files.write(junk, new byte[] {1, 2, 3});
        Run j = cli("summary", "--weights", junk.toString());
        assertThat(j.status()).isEqualTo(Vit.FAILED);
        assertThat(j.err()).contains(junk.toString());
        assertNoStackTrace(j);

        Run wrongInput = cli("forward", "--weights", weights.toString(), "--heads", "4", "--input", weights.toString(),
            "--out", dir.resolve("o.safetensors").toString());
        assertThat(wrongInput.status()).isEqualTo(Vit.FAILED);
        assertThat(wrongInput.err()).contains("no tensor named 'input'").contains(weights.toString());
        assertNoStackTrace(wrongInput);

        Run heads = cli("classify", "--weights", weights.toString(), "--heads", "3");
        assertThat(heads.status()).isEqualTo(Vit.FAILED);
        assertThat(heads.err()).contains(weights.toString()).contains("not divisible by 3 heads");
        assertNoStackTrace(heads);
    }

    @Test
    void cudaWithoutAGpuFailsWithOneLineSayingWhy() {
        assumeThat(Cuda.probe().available()).as("this machine has a usable GPU").isFalse();
        Run r = cli("bench", "--preset", "mini-timm", "--iters", "1", "--device", "cuda");
        assertThat(r.status()).isEqualTo(Vit.FAILED);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").contains("CUDA").contains(Cuda.probe().reason());
        assertThat(r.out()).isEmpty();
    }

    @Test
    void autoSaysWhichDeviceItPickedAndWhy() {
        Run r = cli("summary", "--preset", "mini-article", "--device", "auto");
        assertThat(r.status()).isZero();
        String first = r.out().lines().findFirst().orElse("");
        if (Cuda.probe().available()) {
            assertThat(first).startsWith("device: cuda");
        } else {
            assertThat(first).isEqualTo("device: cpu (auto: CUDA is not usable: " + Cuda.probe().reason() + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bicubic", "bicubic-antialias"})
    void classifyRunsTheCheckpointAtAnotherSize(String resample) {
        Run r = cli("classify", "--weights", weights.toString(), "--heads", "4", "--image-size", "48", "--resample", resample);
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("48x48").contains("position embeddings resampled from 32x32 (" + resample + ")")
            .contains("center crop 48");
    }

    @Test
    void theCeilingIsAPositiveRate() {
        double gflops = vit.tensor.cpu.Ceiling.gflops(1, 0.05);
        System.out.println("FMA ceiling on 1 thread: " + gflops + " GFLOP/s");
        assertThat(gflops).isPositive().isFinite();
    }

    @Test
    void theArticleVariantReadsTheSameCheckpoint() {
        Run r = cli("classify", "--weights", weights.toString(), "--heads", "4", "--variant", Variant.ARTICLE.name().toLowerCase());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("article variant");
    }
}
