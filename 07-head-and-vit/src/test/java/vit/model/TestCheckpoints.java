// SPDX-License-Identifier: MIT
package vit.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import vit.tensor.Tensor;

/**
 * Writes safetensors files the way the tests need them and the project's writer (F32 only) cannot: F16 or
 * BF16 payloads, or any dtype string at all. The rounding to 16 bits is written here, independently of the reader.
 */
final class TestCheckpoints {
    private TestCheckpoints() {
    }

    /** Writes every tensor with {@code dtype} ("F32", "F16", "BF16", or anything else written as F32 bytes). */
    static void write(Path file, Map<String, Tensor> tensors, String dtype) throws IOException {
        int width = dtype.equals("F16") || dtype.equals("BF16") ? 2 : 4;
        StringBuilder json = new StringBuilder("{");
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            float[] v = e.getValue().contiguous().toFloatArray();
            ByteBuffer b = ByteBuffer.allocate(v.length * width).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : v) {
                switch (dtype) {
                    case "F16" -> b.putShort(toF16(f));
                    case "BF16" -> b.putShort(toBf16(f));
                    default -> b.putFloat(f);
                }
            }
            data.write(b.array());
            String shape = Arrays.stream(e.getValue().shape().dims()).mapToObj(String::valueOf).collect(Collectors.joining(","));
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(e.getKey()).append("\":{\"dtype\":\"").append(dtype).append("\",\"shape\":[").append(shape)
                .append("],\"data_offsets\":[").append(offset).append(',').append(offset + b.capacity()).append("]}");
            offset += b.capacity();
        }
        json.append('}');
        while ((json.length() + 8) % 8 != 0) {
            json.append(' ');
        }
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(len.array());
        all.write(header);
        all.write(data.toByteArray());
        Files.write(file, all.toByteArray());
    }

    /** IEEE binary16, round to nearest even, subnormals included (no values this large in the tests to overflow). */
    static short toF16(float f) {
        int sign = (Float.floatToRawIntBits(f) >>> 16) & 0x8000;
        float a = Math.abs(f);
        if (a < 0x1p-14f) {                                       // subnormal: m * 2^-24
            return (short) (sign | (int) Math.rint(a * 0x1p24f)); // m = 1024 is the smallest normal, correctly encoded
        }
        int e = Math.getExponent(a);
        int m = (int) Math.rint(Math.scalb(a, 10 - e));           // in [1024, 2048], exact scaling, half to even
        if (m == 2048) {
            m = 1024;
            e++;
        }
        if (e > 15) {
            throw new IllegalArgumentException(f + " overflows float16");
        }
        return (short) (sign | ((e + 15) << 10) | (m - 1024));
    }

    /** The float {@link #toF16} rounds {@code f} to, computed from the same integers without decoding bits. */
    static float roundedF16(float f) {
        float a = Math.abs(f);
        float r;
        if (a < 0x1p-14f) {
            r = (float) Math.rint(a * 0x1p24f) * 0x1p-24f;
        } else {
            int e = Math.getExponent(a);
            r = Math.scalb((float) Math.rint(Math.scalb(a, 10 - e)), e - 10);
        }
        return Math.copySign(r, f);
    }

    /** bfloat16: the top 16 bits of the float32, rounded to nearest even. */
    static short toBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
    }

    static float roundedBf16(float f) {
        return Float.intBitsToFloat((toBf16(f) & 0xffff) << 16);
    }
}
