// SPDX-License-Identifier: MIT
package vit.training;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for the tests, byte by byte from the format's description. */
public final class IdxFiles {
    private IdxFiles() {
    }

    /** {@code magic} (4 bytes), the sizes (4 bytes each, big-endian), then {@code data}. */
    static byte[] bytes(int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    static Path write(Path file, byte[] content) throws IOException {
        if (file.getFileName().toString().endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(content);
            }
        } else {
            Files.write(file, content);
        }
        return file;
    }

    /**
     * A complete little Fashion-MNIST in {@code dir}: {@code n} images of {@code side x side} per split, image i
     * filled with the value {@code 10 * i + split}, label {@code i % 10}.
     */
    public static void fashion(Path dir, int n, int side, boolean gzip) throws IOException {
        String ext = gzip ? ".gz" : "";
        String[] prefixes = {"train", "t10k"};
        for (int s = 0; s < 2; s++) {
            byte[] images = new byte[n * side * side];
            byte[] labels = new byte[n];
            for (int i = 0; i < n; i++) {
                java.util.Arrays.fill(images, i * side * side, (i + 1) * side * side, (byte) (10 * i + s));
                labels[i] = (byte) (i % 10);
            }
            write(dir.resolve(prefixes[s] + "-images-idx3-ubyte" + ext), bytes(0x803, new int[] {n, side, side}, images));
            write(dir.resolve(prefixes[s] + "-labels-idx1-ubyte" + ext), bytes(0x801, new int[] {n}, labels));
        }
    }
}
