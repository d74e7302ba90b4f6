// SPDX-License-Identifier: MIT
package vit.tensor.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vit.tensor.io.RawFiles.file;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vit.tensor.Tensor;

/** Every way a file can be wrong, and the message that says so. */
class SafeTensorsErrorsTest {
    private static final String OK = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

    /** Reads {@code bytes} as "test.safetensors" and returns the error message. */
    private static String error(byte[] bytes) {
        Throwable t = org.junit.jupiter.api.Assertions.assertThrows(SafeTensorsException.class,
            () -> SafeTensors.read(bytes, "test.safetensors"));
        System.out.println(t.getMessage());
        assertThat(((SafeTensorsException) t).source()).isEqualTo("test.safetensors");
        return t.getMessage();
    }

    private static String entry(String name, String body) {
        return "{\"" + name + "\":" + body + "}";
    }

    @Test
    void validFileReads() throws Exception {
        assertThat(SafeTensors.read(file(OK, RawFiles.f32(1.5f, -2f)), "ok").get("w").toFloatArray())
            .containsExactly(1.5f, -2f);
    }

    @Test
    void sizeMismatchNamesFileTensorShapeAndOffsets() {
        String header = entry("blocks.0.attn.qkv.weight", "{\"dtype\":\"F32\",\"shape\":[192,64],\"data_offsets\":[0,4096]}");
        Throwable t = org.junit.jupiter.api.Assertions.assertThrows(SafeTensorsException.class,
            () -> SafeTensors.read(file(header, 4096), "model.safetensors"));
        assertThat(t.getMessage()).isEqualTo("model.safetensors: tensor 'blocks.0.attn.qkv.weight': shape [192, 64]"
            + " needs 49152 bytes of F32 but data_offsets [0, 4096] span 4096");
        assertThat(error(file(entry("h", "{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[0,4]}"), 4)))
            .endsWith("tensor 'h': shape [3] needs 6 bytes of BF16 but data_offsets [0, 4] span 4");
    }

    @Test
    void lengthFieldProblems() {
        assertThat(error(new byte[5])).isEqualTo("test.safetensors: file has 5 bytes, too few for the 8-byte header length");
        byte[] huge = file(OK, 8);
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);
        assertThat(error(huge)).isEqualTo("test.safetensors: header length 18446744073709551615 exceeds the limit of"
            + " 100000000 bytes (is this a safetensors file?)");
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 100_000_001L);
        assertThat(error(huge)).contains("header length 100000001 exceeds the limit of 100000000 bytes");
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1000);
        assertThat(error(huge)).isEqualTo("test.safetensors: header length 1000 exceeds the " + (huge.length - 8)
            + " bytes after the length field (is the file truncated?)");
    }

    @Test
    void headerThatIsNotJson() {
        assertThat(error(file(new byte[] {'{', (byte) 0xC3, '}'}, new byte[0])))
            .isEqualTo("test.safetensors: header is not valid UTF-8");
        assertThat(error(file("{\"w\":{},}", 0)))
            .isEqualTo("test.safetensors: header is not valid JSON: unexpected '}', expected a member name in quotes at character 8");
        assertThat(error(file("", 0))).contains("header is not valid JSON: unexpected end of header, expected a value at character 0");
        assertThat(error(file("{} x", 0))).contains("unexpected 'x' after the value at character 3");
        assertThat(error(file("{\"a\":01}", 0))).endsWith("header is not valid JSON: expected ',' or '}' but found '1' at character 6");
        assertThat(error(file("{\"a\":[1 2]}", 0))).endsWith("expected ',' or ']' but found '2' at character 8");
        assertThat(error(file("{\"a\" 1}", 0))).endsWith("expected ':' but found '1' at character 5");
        assertThat(error(file("{\"a\":\"\\x\"}", 0))).contains("invalid escape \\x");
        assertThat(error(file("{\"a\":\"\\ud800\"}", 0))).contains("not followed by a low one");
        assertThat(error(file("{\"a\":\"tab\there\"}", 0))).contains("unescaped control character U+0009");
        assertThat(error(file("[".repeat(100) + "]".repeat(100), 0))).contains("nesting deeper than 64 levels");
        assertThat(error(file("{\"a\":" + "[".repeat(1_000_000), 0))).as("no stack overflow").contains("nesting deeper");
        assertThat(error(file("[1, 2]", 0))).isEqualTo("test.safetensors: header must be a JSON object but is an array");
    }

    @Test
    void entryStructure() {
        assertThat(error(file(entry("w", "[0]"), 0))).isEqualTo("test.safetensors: tensor 'w': entry must be an object"
            + " with dtype, shape and data_offsets but is an array");
        assertThat(error(file(entry("w", "{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0],\"extra\":1}"), 0)))
            .endsWith("tensor 'w': unexpected key 'extra' (expected dtype, shape, data_offsets)");
        assertThat(error(file(entry("w", "{\"dtype\":\"F32\",\"data_offsets\":[0,0]}"), 0)))
            .endsWith("tensor 'w': missing key 'shape'");
        assertThat(error(file(entry("w", "{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}"), 0)))
            .endsWith("tensor 'w': key 'dtype' appears twice");
        String w = "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        assertThat(error(file("{" + w + "," + w + "}", 8))).endsWith("tensor 'w' appears twice in the header");
    }

    @Test
    void dtypes() {
        assertThat(error(file(entry("w", "{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]}"), 4)))
            .endsWith("tensor 'w': dtype must be a string but is 4");
        assertThat(error(file(entry("w", "{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}"), 8)))
            .isEqualTo("test.safetensors: tensor 'w': dtype F64 is not supported (this reader reads F32, F16 and BF16)");
        assertThat(error(file(entry("ids", "{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}"), 8)))
            .endsWith("tensor 'ids': dtype I64 is not supported (this reader reads F32, F16 and BF16)");
        assertThat(error(file(entry("w", "{\"dtype\":\"float32\",\"shape\":[1],\"data_offsets\":[0,4]}"), 4)))
            .contains("tensor 'w': unknown dtype the string \"float32\" (safetensors dtypes: F32, F16, BF16, F64");
    }

    @Test
    void shapesAndOffsets() {
        assertThat(error(file(entry("w", "{\"dtype\":\"F32\",\"shape\":3,\"data_offsets\":[0,12]}"), 12)))
            .endsWith("tensor 'w': shape must be an array of integers but is 3");
        assertThat(error(file(entry("w", "{\"dtype\":\"F32\",\"shape\":[2,-3],\"data_offsets\":[0,4]}"), 4)))
            .endsWith("tensor 'w': shape[1] must be an integer in [0, 2147483647] but is -3");
        assertThat(error(file(entry("w", "{\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]}"), 4)))
            .endsWith("shape[0] must be an integer in [0, 2147483647] but is 1.0");
        assertThat(error(file(entry("w", "{\"dtype\":\"F32\",\"shape\":[2147483648],\"data_offsets\":[0,4]}"), 4)))
            .endsWith("shape[0] must be an integer in [0, 2147483647] but is 2147483648");
        assertThat(error(file(entry("w", "{\"dtype\":\"F32\",\"shape\":[\"2\"],\"data_offsets\":[0,4]}"), 4)))
            .endsWith("shape[0] must be an integer in [0, 2147483647] but is the string \"2\"");
        assertThat(error(file(entry("w", "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}"), 8)))
            .endsWith("tensor 'w': data_offsets must be [begin, end] but has 3 entries");
        assertThat(error(file(entry("w", "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,99999999999999999999]}"), 4)))
            .endsWith("data_offsets[1] must be an integer in [0, 9223372036854775807] but is 99999999999999999999");
        assertThat(error(file(entry("w", "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}"), 8)))
            .endsWith("tensor 'w': data_offsets [8, 4] end before they begin");
        assertThat(error(file(entry("w", "{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}"), 4)))
            .endsWith("tensor 'w': data_offsets [0, 8] reach past the end of the data buffer, which has 4 bytes");
        String big = "[2147483647,2147483647,2147483647]";
        assertThat(error(file(entry("w", "{\"dtype\":\"F32\",\"shape\":" + big + ",\"data_offsets\":[0,4]}"), 4)))
            .endsWith("tensor 'w': shape [2147483647, 2147483647, 2147483647] needs more than 2^63 bytes of F32"
                + " but data_offsets [0, 4] span 4");
        assertThat(error(file(entry("w", "{\"dtype\":\"F32\",\"shape\":[0," + "2147483647,".repeat(5) + "7],\"data_offsets\":[0,4]}"), 4)))
            .contains("needs 0 bytes of F32 but data_offsets [0, 4] span 4");
    }

    @Test
    void layoutMustTileTheBuffer() {
        String a = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
        String b = "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}";
        assertThat(error(file("{" + b + "," + a + "}", 12)))
            .isEqualTo("test.safetensors: tensors 'a' (data_offsets [0, 8]) and 'b' (data_offsets [4, 12]) overlap");
        String c = "\"c\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}";
        assertThat(error(file("{" + a + "," + c + "}", 16)))
            .isEqualTo("test.safetensors: bytes [8, 12) of the data buffer belong to no tensor"
                + " (tensor 'c' starts at 12, expected 8)");
        assertThat(error(file("{" + c + "}", 16))).contains("bytes [0, 12) of the data buffer belong to no tensor");
        assertThat(error(file("{" + a + "}", 11)))
            .isEqualTo("test.safetensors: the data buffer has 11 bytes but the tensors cover 8: the last 3 bytes belong to no tensor");
        assertThat(error(file("{}", 1))).contains("the data buffer has 1 bytes but the tensors cover 0");
    }

    @Test
    void metadata() {
        assertThat(error(file("{\"__metadata__\":[]}", 0)))
            .isEqualTo("test.safetensors: __metadata__ must be an object of strings but is an array");
        assertThat(error(file("{\"__metadata__\":{\"epoch\":3}}", 0)))
            .isEqualTo("test.safetensors: __metadata__ value of 'epoch' must be a string but is 3");
        assertThat(error(file("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}", 0))).endsWith("__metadata__ key 'k' appears twice");
        assertThat(error(file("{\"__metadata__\":{},\"__metadata__\":{}}", 0))).endsWith("__metadata__ appears twice in the header");
    }

    @Test
    void errorsFromDiskNameThePath(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("model.safetensors");
        byte[] good = file(OK, 8);
        Files.write(path, java.util.Arrays.copyOf(good, good.length - 1));
        assertThatThrownBy(() -> SafeTensors.read(path)).isInstanceOf(SafeTensorsException.class)
            .hasMessage(path + ": tensor 'w': data_offsets [0, 8] reach past the end of the data buffer, which has 7 bytes");
        assertThatThrownBy(() -> SafeTensors.read(dir.resolve("missing.safetensors")))
            .isInstanceOf(java.nio.file.NoSuchFileException.class).hasMessageContaining("missing.safetensors");
    }

    @Test
    void writerRejectsTheReservedName(@TempDir Path dir) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("__metadata__", Tensor.zeros(1));
        assertThatThrownBy(() -> SafeTensors.write(dir.resolve("x.safetensors"), tensors))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("a tensor cannot be named __metadata__");
        assertThat(dir.toFile().list()).isEmpty();
    }
}
