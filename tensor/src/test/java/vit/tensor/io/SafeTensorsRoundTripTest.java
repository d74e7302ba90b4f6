// SPDX-License-Identifier: MIT
package vit.tensor.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vit.tensor.Generator;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/** What the writer writes, byte for byte, and that the reader gives it back. */
class SafeTensorsRoundTripTest {
    @Test
    void writesTheReferenceLayout() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        tensors.put("a", Tensor.scalar(-0.5f));
        byte[] bytes = SafeTensors.toBytes(tensors, Map.of("format", "pt"));
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong(0);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
            + "\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[24,28]}}";
        assertThat(n % 8).as("header length %d is a multiple of 8", n).isZero();
        assertThat(header).isEqualTo(json + " ".repeat((int) n - json.length()));
        assertThat(n - json.length()).isBetween(0L, 7L);
        assertThat(bytes).hasSize((int) (8 + n + 28));
        for (int i = 0; i < 6; i++) {
            assertThat(buf.getFloat((int) (8 + n + 4 * i))).isEqualTo(i + 1f);
        }
        assertThat(buf.getFloat((int) (8 + n + 24))).isEqualTo(-0.5f);
    }

    @Test
    void randomTensorsRoundTripThroughAFile(@TempDir Path dir) throws Exception {
        Generator gen = new Generator(42);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("patch_embed.proj.weight", Tensor.randn(Shape.of(8, 3, 4, 4), gen));
        tensors.put("cls_token", Tensor.randn(Shape.of(1, 1, 8), gen));
        tensors.put("scalar", Tensor.scalar(3.5f));
        tensors.put("empty", Tensor.zeros(0, 3));
        tensors.put("view.transposed", Tensor.arange(6).reshape(2, 3).transpose(0, 1));
        tensors.put("naïve \"quoted\" \\ tab\t 名前 😀", Tensor.of(new float[] {Float.NaN, Float.NEGATIVE_INFINITY, -0f, 1e-45f}, 4));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("note", "line\nbreak, \"quotes\", ünïcode");
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, tensors, metadata);
        assertThat(dir.toFile().list()).containsExactly("model.safetensors");

        Map<String, Tensor> back = SafeTensors.read(file);
        assertThat(back.keySet()).containsExactlyElementsOf(tensors.keySet());
        for (String name : tensors.keySet()) {
            Tensor expected = tensors.get(name);
            Tensor actual = back.get(name);
            System.out.println(name + " " + actual.shape());
            assertThat(actual.shape()).as(name).isEqualTo(expected.shape());
            float[] e = expected.toFloatArray();
            float[] a = actual.toFloatArray();
            for (int i = 0; i < e.length; i++) {
                assertThat(Float.floatToRawIntBits(a[i])).as("%s[%d]", name, i).isEqualTo(Float.floatToRawIntBits(e[i]));
            }
        }
        assertThat(back.get("view.transposed").toFloatArray()).containsExactly(0, 3, 1, 4, 2, 5);
        assertThat(SafeTensors.readMetadata(file)).containsExactlyEntriesOf(metadata);
        assertThat(SafeTensors.read(Files.readAllBytes(file), "bytes").keySet()).containsExactlyElementsOf(tensors.keySet());
    }

    @Test
    void overwritesAndHandlesLargeTensorsInChunks(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.safetensors");
        SafeTensors.write(file, Map.of("old", Tensor.ones(3)));
        // 1.5 M floats = 6 MB, more than one 4 MiB chunk on both the writing and the reading side.
        int n = 1_500_000;
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = i * 0.5f - 7;
        }
        SafeTensors.write(file, Map.of("big", Tensor.of(data, 1000, 1500)));
        Map<String, Tensor> back = SafeTensors.read(file);
        assertThat(back.keySet()).containsExactly("big");
        float[] read = back.get("big").toFloatArray();
        for (int i = 0; i < n; i += 997) {
            assertThat(read[i]).as("big[%d]", i).isEqualTo(i * 0.5f - 7);
        }
        assertThat(read[n - 1]).isEqualTo((n - 1) * 0.5f - 7);
        assertThat(SafeTensors.readMetadata(file)).isEmpty();
        assertThat(Files.size(file) - 8 - 4L * n).as("header bytes").isBetween(8L, 200L);
    }

    @Test
    void emptyMapIsAValidFile() throws Exception {
        byte[] bytes = SafeTensors.toBytes(Map.of(), Map.of());
        assertThat(new String(bytes, 8, bytes.length - 8, StandardCharsets.US_ASCII)).isEqualTo("{}      ");
        assertThat(SafeTensors.read(bytes, "empty")).isEmpty();
    }

    @Test
    void readerAcceptsWhitespaceAndAnyOffsetOrder() throws Exception {
        String header = " {\n \"b\" : {\"data_offsets\": [4, 8], \"shape\": [1], \"dtype\": \"F32\"},\r\n"
            + "\t\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}, \"__metadata__\": {}}   ";
        Map<String, Tensor> t = SafeTensors.read(RawFiles.file(header, RawFiles.f32(1f, 2f)), "spaced");
        assertThat(t.keySet()).as("header order").containsExactly("b", "a");
        assertThat(t.get("a").item()).isEqualTo(1f);
        assertThat(t.get("b").item()).isEqualTo(2f);
        String escaped = "{\"\\u00e9\\ud83d\\ude00\\/\\n\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        assertThat(SafeTensors.read(RawFiles.file(escaped, RawFiles.f32(9f)), "escaped")).containsOnlyKeys("é😀/\n");
    }
}
