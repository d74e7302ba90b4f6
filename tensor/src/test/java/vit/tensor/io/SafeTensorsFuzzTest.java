// SPDX-License-Identifier: MIT
package vit.tensor.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vit.tensor.Tensor;

/**
 * Ten thousand damaged copies of a valid file, each either read or rejected with a
 * {@link SafeTensorsException}: never another exception, a hang, or an allocation sized by a lie.
 */
class SafeTensorsFuzzTest {
    private static final int FILES = 20_000;
    private static final String TOKENS = "{}[]\",:0123456789-.eE \\u/ntfl";
    private static final List<String> SPLICES = List.of("\"F16\"", "\"BF16\"", "\"I64\"", "\"F32\"", "[]", "{}", "null",
        "-1", "0", "1.5", "1e3", "18446744073709551615", "9223372036854775807", "2147483648", "\"__metadata__\"",
        "\"dtype\"", "\"shape\"", "\"data_offsets\"", "\"\\ud800\"", "\"\\u0000\"", "[[[[[[[[", ",", "\"");

    /** A small valid file: three F32 tensors (one a scalar), an empty one and metadata. */
    private static byte[] seedFile() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("w", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        t.put("b", Tensor.of(new float[] {-1, 0.5f}, 2));
        t.put("s", Tensor.scalar(7));
        t.put("e", Tensor.zeros(0, 4));
        return SafeTensors.toBytes(t, Map.of("format", "pt"));
    }

    @Test
    void mutatedFilesAreReadOrRejectedCleanly() {
        byte[] seed = seedFile();
        int headerLength = (int) ByteBuffer.wrap(seed).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        String header = new String(seed, 8, headerLength, StandardCharsets.UTF_8);
        byte[] data = Arrays.copyOfRange(seed, 8 + headerLength, seed.length);
        Random rng = new Random(20240607L);
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < FILES; i++) {
                StringBuilder how = new StringBuilder();
                byte[] file = mutate(seed, header, data, rng, how);
                try {
                    Map<String, Tensor> read = SafeTensors.read(file, "fuzz");
                    long floats = read.values().stream().mapToLong(Tensor::numel).sum();
                    assertThat(floats).as("file %d (%s) holds at most one float per 2 bytes", i, how).isLessThanOrEqualTo(file.length / 2);
                    outcomes[0]++;
                } catch (SafeTensorsException e) {
                    assertThat(e.getMessage()).startsWith("fuzz: ");
                    outcomes[1]++;
                } catch (Throwable t) {
                    throw new AssertionError("file " + i + " (" + how + ") threw " + t + ": "
                        + new String(file, StandardCharsets.ISO_8859_1), t);
                }
            }
        });
        System.out.println(FILES + " mutated files: " + outcomes[0] + " read, " + outcomes[1] + " rejected");
        assertThat(outcomes[0] + outcomes[1]).isEqualTo(FILES);
        assertThat(outcomes[1]).as("most damage is caught").isGreaterThan(FILES / 2);
        assertThat(outcomes[0]).as("some mutations stay valid (whitespace, values)").isPositive();
    }

    private static byte[] mutate(byte[] seed, String header, byte[] data, Random rng, StringBuilder how) {
        switch (rng.nextInt(8)) {
            case 0 -> { // flip bytes anywhere, the length field included
                byte[] f = seed.clone();
                int edits = 1 + rng.nextInt(4);
                for (int k = 0; k < edits; k++) {
                    f[rng.nextInt(f.length)] = (byte) rng.nextInt(256);
                }
                how.append("byte edits");
                return f;
            }
            case 1 -> { // truncate
                how.append("truncated");
                return Arrays.copyOf(seed, rng.nextInt(seed.length));
            }
            case 2 -> { // append junk
                how.append("extended");
                byte[] f = Arrays.copyOf(seed, seed.length + 1 + rng.nextInt(16));
                return f;
            }
            case 3 -> { // a lying length field
                long[] lies = {rng.nextLong(), -1L, 100_000_001L, 1L << 40, rng.nextInt(seed.length + 64),
                    header.length() + rng.nextInt(17) - 8};
                long lie = lies[rng.nextInt(lies.length)];
                how.append("length field ").append(Long.toUnsignedString(lie));
                byte[] f = seed.clone();
                ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putLong(0, lie);
                return f;
            }
            case 4 -> { // change one number in the header (offsets, shape sizes)
                String h = replaceNumber(header, rng);
                how.append("number edit: ").append(h);
                return RawFiles.file(h, data);
            }
            default -> { // JSON text edits, with an honest length field so the parser sees them
                String h = header;
                int edits = 1 + rng.nextInt(3);
                for (int k = 0; k < edits; k++) {
                    h = editText(h, rng);
                }
                how.append("text edit: ").append(h);
                byte[] d = rng.nextInt(4) == 0 ? Arrays.copyOf(data, rng.nextInt(data.length + 8)) : data;
                return RawFiles.file(h, d);
            }
        }
    }

    private static String replaceNumber(String h, Random rng) {
        int count = 0;
        for (int i = 0; i < h.length(); i++) {
            if (Character.isDigit(h.charAt(i)) && (i == 0 || !Character.isDigit(h.charAt(i - 1)))) {
                count++;
            }
        }
        int target = rng.nextInt(count);
        for (int i = 0; i < h.length(); i++) {
            if (Character.isDigit(h.charAt(i)) && (i == 0 || !Character.isDigit(h.charAt(i - 1))) && target-- == 0) {
                int end = i;
                while (end < h.length() && Character.isDigit(h.charAt(end))) {
                    end++;
                }
                String[] numbers = {"0", "1", "4", "8", "24", "-4", "1000000000", "4294967296", "2147483647",
                    "99999999999999999999", "3.0", String.valueOf(rng.nextInt(64))};
                return h.substring(0, i) + numbers[rng.nextInt(numbers.length)] + h.substring(end);
            }
        }
        return h;
    }

    private static String editText(String h, Random rng) {
        int at = rng.nextInt(h.length() + 1);
        switch (rng.nextInt(4)) {
            case 0 -> {
                return at < h.length() ? h.substring(0, at) + h.substring(at + 1) : h;
            }
            case 1 -> {
                return h.substring(0, at) + TOKENS.charAt(rng.nextInt(TOKENS.length())) + h.substring(at);
            }
            case 2 -> {
                return h.substring(0, at) + SPLICES.get(rng.nextInt(SPLICES.size())) + h.substring(at);
            }
            default -> {
                int from = rng.nextInt(h.length());
                int to = Math.min(h.length(), from + 1 + rng.nextInt(60));
                return h.substring(0, at) + h.substring(from, to) + h.substring(at);
            }
        }
    }
}
