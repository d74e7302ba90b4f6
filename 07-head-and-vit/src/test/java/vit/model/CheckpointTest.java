// SPDX-License-Identifier: MIT
package vit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import vit.attention.Variant;
import vit.nn.Parameter;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.io.SafeTensors;
import vit.tensor.testing.Fixtures;

class CheckpointTest {
    @TempDir
    Path dir;

    static Map<String, Tensor> weights() {
        return new LinkedHashMap<>(Fixtures.load("vit-mini/weights.safetensors"));
    }

    static Checkpoint.Options mini(Variant v) {
        return new Checkpoint.Options(v, 4, 0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"timm", "article"})
    void loadsTheFixtureAndReproducesPyTorchsLogits(String variant) throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, weights());
        ViT vit = Checkpoint.load(file, mini(Variant.parse(variant))).model();
        ViTConfig c = vit.config();
        assertThat(new int[] {c.inChannels(), c.patchSize(), c.embSize(), c.imgSize(), c.depth(), c.numHeads(), c.expansion(), c.nClasses()})
            .containsExactly(3, 8, 64, 32, 2, 4, 4, 10);
        Tensor input = Fixtures.load("vit-mini/input.safetensors").get("input");
        Tensor logits = vit.apply(input);
        System.out.println(variant + ": ViT(" + file.getFileName() + ")(" + input.shape() + ") -> " + logits.shape());
        Fixtures.assertClose(variant + " logits", logits, Fixtures.load("vit-mini/expected-" + variant + ".safetensors").get("logits"), 1e-5);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"F16", "BF16"})
    void sixteenBitCheckpointsLoadAsTheRoundedWeights(String dtype) throws IOException {
        Path file = dir.resolve("model-" + dtype + ".safetensors");
        Map<String, Tensor> w = weights();
        TestCheckpoints.write(file, w, dtype);
        ViT vit = Checkpoint.load(file, mini(Variant.TIMM)).model();
        for (Map.Entry<String, Parameter> e : TimmNames.parameters(vit).entrySet()) {
            float[] original = w.get(e.getKey()).toFloatArray();
            float[] expected = new float[original.length];
            for (int i = 0; i < original.length; i++) {
                expected[i] = dtype.equals("F16") ? TestCheckpoints.roundedF16(original[i]) : TestCheckpoints.roundedBf16(original[i]);
            }
            assertThat(e.getValue().value().toFloatArray()).as(e.getKey()).containsExactly(expected);
        }
        // The rounded weights still give nearly PyTorch's float32 logits (float16 keeps 11 bits, bfloat16 8).
        Tensor logits = vit.apply(Fixtures.load("vit-mini/input.safetensors").get("input"));
        double err = Fixtures.relativeError(logits, Fixtures.load("vit-mini/expected-timm.safetensors").get("logits"));
        System.out.println(dtype + " checkpoint: logits " + logits.shape() + ", relative error to the float32 fixture " + err);
        assertThat(err).isLessThan(dtype.equals("F16") ? 5e-3 : 5e-2);
    }

    @Test
    void inferredShapesAreTheModelsOwn() {
        for (ViTConfig c : ViTConfig.presets().values()) {
            if (c.embSize() > 400) {
                continue;   // the big presets only take time to build; the rules are the same
            }
            Map<String, Shape> expected = TimmNames.shapes(c);
            Map<String, Shape> model = new LinkedHashMap<>();
            TimmNames.parameters(new ViT(c, new Generator(0))).forEach((k, p) -> model.put(k, p.shape()));
            model.put("pos_embed", Shape.of(1, c.numPatches() + 1, c.embSize()));    // timm adds a leading 1
            assertThat(expected).as(c.name()).containsExactlyEntriesOf(model);
        }
    }

    @Test
    void missingUnexpectedAndMisShapedKeysAreAllListedBeforeAnythingLoads() throws IOException {
        Map<String, Tensor> w = weights();
        w.remove("blocks.1.attn.proj.bias");
        w.remove("norm.weight");
        w.put("fc_norm.weight", Tensor.zeros(64));
        w.put("blocks.0.mlp.fc2.bias", Tensor.zeros(63));
        Path file = dir.resolve("broken.safetensors");
        SafeTensors.write(file, w);
        assertThatThrownBy(() -> Checkpoint.load(file, mini(Variant.TIMM)))
            .isInstanceOf(CheckpointException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("missing key 'blocks.1.attn.proj.bias' (expected shape [64])")
            .hasMessageContaining("missing key 'norm.weight'")
            .hasMessageContaining("unexpected key 'fc_norm.weight' (shape [64])")
            .hasMessageContaining("wrong shape for 'blocks.0.mlp.fc2.bias': expected [64], got [63]")
            .hasMessageContaining("4 problems");
    }

    @Test
    void aCheckpointWithoutTheKeysThatGiveTheSizesSaysSo() throws IOException {
        Map<String, Tensor> w = weights();
        w.remove("cls_token");
        w.remove("head.weight");
        Path file = dir.resolve("headless.safetensors");
        SafeTensors.write(file, w);
        assertThatThrownBy(() -> Checkpoint.load(file, mini(Variant.TIMM)))
            .isInstanceOf(CheckpointException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("missing key 'cls_token'")
            .hasMessageContaining("missing key 'head.weight'");
    }

    @ParameterizedTest(name = "pos_embed of {0} tokens")
    @ValueSource(ints = {1, 16})
    void positionsThatAreNotASquareGridAreRefused(int tokens) throws IOException {
        Map<String, Tensor> w = weights();
        w.put("pos_embed", Tensor.zeros(1, tokens, 64));
        Path file = dir.resolve("grid.safetensors");
        SafeTensors.write(file, w);
        assertThatThrownBy(() -> Checkpoint.load(file, mini(Variant.TIMM)))
            .isInstanceOf(CheckpointException.class).hasMessageContaining(file.toString())
            .hasMessageContaining("pos_embed [1, " + tokens + ", 64]").hasMessageContaining("not a square grid");
    }

    /** A damaged block index once made the loader list a billion blocks' keys; now the file's tensor count bounds it. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"blocks.999999999.norm1.weight", "blocks.123456789012345678901234567890.norm1.weight", "blocks.33.mlp.fc2.bias"})
    void aBlockIndexTheFileCannotHoldIsRefusedAtOnce(String key) throws IOException {
        Map<String, Tensor> w = weights();
        w.put(key, Tensor.zeros(64));
        Path file = dir.resolve("index.safetensors");
        SafeTensors.write(file, w);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Checkpoint.load(file, mini(Variant.TIMM)))
            .isInstanceOf(CheckpointException.class).hasMessageContaining(file.toString())
            .hasMessageContaining("names block").hasMessageContaining("the file holds only 33 tensors");
        System.out.printf("%s refused in %.1f ms%n", key, (System.nanoTime() - t0) / 1e6);
    }

    @Test
    void aMessageStaysOneLineHoweverManyKeysAreWrong() throws IOException {
        Map<String, Tensor> w = weights();
        for (int i = 0; i < 500; i++) {
            w.put("extra." + i, Tensor.zeros(1));
        }
        Path file = dir.resolve("many.safetensors");
        SafeTensors.write(file, w);
        assertThatThrownBy(() -> Checkpoint.load(file, mini(Variant.TIMM)))
            .isInstanceOf(CheckpointException.class).hasMessageContaining(file.toString())
            .hasMessageContaining("500 problems").hasMessageContaining("... and 494 more")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void headsThatDoNotDivideTheWidthAreRefused() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, weights());
        assertThatThrownBy(() -> Checkpoint.load(file, new Checkpoint.Options(Variant.TIMM, 5, 0)))
            .hasMessageContaining(file.toString()).hasMessageContaining("not divisible by 5 heads");
    }

    @Test
    void aTruncatedFileNamesTheFile() throws IOException {
        Path good = dir.resolve("model.safetensors");
        SafeTensors.write(good, weights());
        byte[] bytes = Files.readAllBytes(good);
        Path file = dir.resolve("truncated.safetensors");
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> Checkpoint.load(file, mini(Variant.TIMM)))
            .isInstanceOf(IOException.class).hasMessageContaining(file.toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"F64", "Q4"})
    void anUnreadableDtypeNamesTheFileAndTheTensor(String dtype) throws IOException {
        Path file = dir.resolve("odd.safetensors");
        TestCheckpoints.write(file, Map.of("cls_token", Tensor.zeros(1, 1, 64)), dtype);
        assertThatThrownBy(() -> Checkpoint.load(file, mini(Variant.TIMM)))
            .isInstanceOf(IOException.class).hasMessageContaining(file.toString()).hasMessageContaining("cls_token")
            .hasMessageContaining(dtype);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"224, 384", "224, 160"})
    void aModelTrainedAt224RunsAtAnotherSizeWithResampledPositions(int from, int to) throws IOException {
        ViTConfig small = new ViTConfig("tiny-224", 3, 16, 32, from, 1, 2, 2, 5, 0f, Variant.TIMM);
        ViT trained = new ViT(small, new Generator(11));
        Map<String, Tensor> w = new LinkedHashMap<>();
        TimmNames.parameters(trained).forEach((k, p) -> w.put(k, p.value()));
        w.put("pos_embed", w.get("pos_embed").reshape(1, small.numPatches() + 1, 32));
        Path file = dir.resolve("tiny.safetensors");
        SafeTensors.write(file, w);
        Checkpoint.Loaded loaded = Checkpoint.load(file, new Checkpoint.Options(Variant.TIMM, 0, to));
        assertThat(loaded.checkpointImageSize()).isEqualTo(from);
        ViT vit = loaded.model();
        assertThat(vit.config().imgSize()).isEqualTo(to);
        assertThat(vit.config().numHeads()).isEqualTo(ViTConfig.defaultHeads(32));
        int g = from / 16;
        int newGrid = to / 16;
        double[] ref = ResampleTest.reference(w.get("pos_embed").toFloatArray(), g, newGrid, 32);
        float[] refF = new float[ref.length];
        for (int i = 0; i < ref.length; i++) {
            refF[i] = (float) ref[i];
        }
        Tensor positions = vit.patchEmbedding().positions().value();
        System.out.println("pos_embed " + w.get("pos_embed").shape() + " -> positions " + positions.shape());
        assertThat(positions.shape()).isEqualTo(Shape.of(newGrid * newGrid + 1, 32));
        Fixtures.assertClose("resampled positions", positions, Tensor.of(refF, positions.shape()), 1e-5);
        Tensor logits = vit.apply(Tensor.randn(Shape.of(1, 3, to, to), new Generator(12)));
        System.out.println("ViT at " + to + ": [1, 3, " + to + ", " + to + "] -> " + logits.shape());
        assertThat(logits.shape()).isEqualTo(Shape.of(1, 5));
    }
}
