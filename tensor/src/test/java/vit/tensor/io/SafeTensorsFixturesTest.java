// SPDX-License-Identifier: MIT
package vit.tensor.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.testing.Fixtures;

/** The PyTorch fixtures read with the names and shapes that fixtures/README.md lists. */
class SafeTensorsFixturesTest {
    private static Path fixture(String name) throws Exception {
        return Path.of(SafeTensorsFixturesTest.class.getResource("/fixtures/" + name).toURI());
    }

    /** The parameters of the vit-mini model, per the README: embedding 64, depth 2, MLP 256, 10 classes. */
    private static Map<String, Shape> vitMiniParameters() {
        Map<String, Shape> p = new LinkedHashMap<>();
        p.put("patch_embed.proj.weight", Shape.of(64, 3, 8, 8));
        p.put("patch_embed.proj.bias", Shape.of(64));
        p.put("cls_token", Shape.of(1, 1, 64));
        p.put("pos_embed", Shape.of(1, 17, 64));
        for (int i = 0; i < 2; i++) {
            String b = "blocks." + i + ".";
            p.put(b + "norm1.weight", Shape.of(64));
            p.put(b + "norm1.bias", Shape.of(64));
            p.put(b + "attn.qkv.weight", Shape.of(192, 64));
            p.put(b + "attn.qkv.bias", Shape.of(192));
            p.put(b + "attn.proj.weight", Shape.of(64, 64));
            p.put(b + "attn.proj.bias", Shape.of(64));
            p.put(b + "norm2.weight", Shape.of(64));
            p.put(b + "norm2.bias", Shape.of(64));
            p.put(b + "mlp.fc1.weight", Shape.of(256, 64));
            p.put(b + "mlp.fc1.bias", Shape.of(256));
            p.put(b + "mlp.fc2.weight", Shape.of(64, 256));
            p.put(b + "mlp.fc2.bias", Shape.of(64));
        }
        p.put("norm.weight", Shape.of(64));
        p.put("norm.bias", Shape.of(64));
        p.put("head.weight", Shape.of(10, 64));
        p.put("head.bias", Shape.of(10));
        return p;
    }

    private static void assertShapes(String file, Map<String, Tensor> actual, Map<String, Shape> expected) {
        assertThat(actual.keySet()).as(file).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, shape) -> assertThat(actual.get(name).shape()).as("%s %s", file, name).isEqualTo(shape));
        System.out.println(file + ": " + actual.size() + " tensors, e.g. " + actual.keySet().iterator().next() + " "
            + actual.values().iterator().next().shape());
    }

    @Test
    void weights() throws Exception {
        Map<String, Tensor> w = SafeTensors.read(fixture("vit-mini/weights.safetensors"));
        assertShapes("weights", w, vitMiniParameters());
        assertThat(new ArrayList<>(w.keySet()).subList(0, 4))
            .as("file order").containsExactly("patch_embed.proj.weight", "patch_embed.proj.bias", "cls_token", "pos_embed");
        assertMatchesRawBytes("vit-mini/weights.safetensors", w);
    }

    @Test
    void inputsAndExpectedActivations() throws Exception {
        assertShapes("input", SafeTensors.read(fixture("vit-mini/input.safetensors")), Map.of("input", Shape.of(2, 3, 32, 32)));
        Map<String, Shape> taps = new LinkedHashMap<>();
        taps.put("patches", Shape.of(2, 16, 64));
        for (String t : List.of("tokens", "attn0", "mlp0", "block0", "encoded")) {
            taps.put(t, Shape.of(2, 17, 64));
        }
        taps.put("pooled", Shape.of(2, 64));
        taps.put("logits", Shape.of(2, 10));
        for (String variant : List.of("article", "timm")) {
            assertShapes("expected-" + variant, SafeTensors.read(fixture("vit-mini/expected-" + variant + ".safetensors")), taps);
        }
    }

    @Test
    void gradients() throws Exception {
        Map<String, Shape> expected = new LinkedHashMap<>();
        expected.put("targets", Shape.of(2));
        expected.put("loss", Shape.of(1));
        vitMiniParameters().forEach((name, shape) -> expected.put("grad." + name, shape));
        for (String variant : List.of("article", "timm")) {
            Map<String, Tensor> g = SafeTensors.read(fixture("vit-mini/grads-" + variant + ".safetensors"));
            assertShapes("grads-" + variant, g, expected);
            assertThat(g.get("targets").toFloatArray()).containsExactly(0f, 1f);
            assertThat(g.get("loss").item()).isPositive();
        }
    }

    @Test
    void cat() throws Exception {
        Map<String, Tensor> cat = SafeTensors.read(fixture("cat-preprocessed.safetensors"));
        assertShapes("cat", cat, Map.of("article", Shape.of(1, 3, 224, 224), "timm", Shape.of(1, 3, 224, 224)));
        float[] article = range(cat.get("article"));
        float[] timm = range(cat.get("timm"));
        System.out.printf("cat article in [%s, %s], timm in [%s, %s]%n", article[0], article[1], timm[0], timm[1]);
        assertThat(article[0]).as("ToTensor() min").isBetween(0f, 0.5f);
        assertThat(article[1]).as("ToTensor() max").isBetween(0.5f, 1f);
        assertThat(timm[0]).as("Normalize(0.5, 0.5) min").isBetween(-1f, 0f);
        assertThat(timm[1]).as("Normalize(0.5, 0.5) max").isBetween(0f, 1f);
        assertMatchesRawBytes("cat-preprocessed.safetensors", cat);
    }

    private static float[] range(Tensor t) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : t.toFloatArray()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new float[] {min, max};
    }

    @Test
    void fixturesHelperLoadsFromTheClasspath() throws Exception {
        Map<String, Tensor> viaHelper = Fixtures.load("vit-mini/weights.safetensors");
        Map<String, Tensor> viaPath = SafeTensors.read(fixture("vit-mini/weights.safetensors"));
        assertThat(viaHelper.keySet()).containsExactlyElementsOf(viaPath.keySet());
        viaPath.forEach((name, t) -> assertThat(viaHelper.get(name).toFloatArray()).as(name).containsExactly(t.toFloatArray()));
    }

    /**
     * Every float matches the file's bytes, located the simple way: each tensor's data follows the
     * previous one's in the file (as PyTorch wrote them), right after the header.
     */
    private static void assertMatchesRawBytes(String name, Map<String, Tensor> tensors) throws Exception {
        byte[] bytes = Files.readAllBytes(fixture(name));
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int position = 8 + (int) buf.getLong(0);
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            float[] values = e.getValue().toFloatArray();
            for (int i = 0; i < values.length; i++, position += 4) {
                if (Float.floatToRawIntBits(values[i]) != buf.getInt(position)) {
                    assertThat(values[i]).as("%s %s[%d]", name, e.getKey(), i).isEqualTo(buf.getFloat(position));
                }
            }
        }
        assertThat(position).as("%s fully read", name).isEqualTo(bytes.length);
    }
}
