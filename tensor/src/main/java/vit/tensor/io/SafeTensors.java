// SPDX-License-Identifier: MIT
package vit.tensor.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * Reads and writes the safetensors format. MINIMAL FIRST VERSION: F32 only, no validation.
 * To be replaced by the full implementation (validation, F16/BF16, writer).
 */
public final class SafeTensors {
    private static final Pattern ENTRY = Pattern.compile(
        "\"([^\"]+)\"\\s*:\\s*\\{\\s*\"dtype\"\\s*:\\s*\"(\\w+)\"\\s*,\\s*\"shape\"\\s*:\\s*\\[([^\\]]*)\\]\\s*,\\s*\"data_offsets\"\\s*:\\s*\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\]\\s*\\}");

    private SafeTensors() {
    }

    /** Every tensor in the file, by name, in file order. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong(0);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        Map<String, Tensor> out = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(header);
        while (m.find()) {
            String name = m.group(1);
            String[] parts = m.group(3).trim().isEmpty() ? new String[0] : m.group(3).split(",");
            int[] dims = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                dims[i] = Integer.parseInt(parts[i].trim());
            }
            int begin = Integer.parseInt(m.group(4));
            int end = Integer.parseInt(m.group(5));
            float[] data = new float[(end - begin) / 4];
            buf.position((int) (8 + n + begin));
            buf.asFloatBuffer().get(data);
            out.put(name, Tensor.of(data, Shape.of(dims)));
        }
        return out;
    }
}
