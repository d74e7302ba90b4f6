// SPDX-License-Identifier: MIT
package vit.training;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The IDX format of MNIST and Fashion-MNIST: a big-endian header, then the bytes. The magic number is
 * {@code 0x00 0x00 type rank} (type {@code 0x08} = unsigned byte), followed by {@code rank} 32-bit sizes.
 * Files ending in {@code .gz} are read through gzip.
 *
 * @param dims the sizes, e.g. {@code [60000, 28, 28]} for images or {@code [60000]} for labels
 * @param data the values, row-major, as unsigned bytes stored in Java's signed bytes
 */
public record Idx(int[] dims, byte[] data) {
    /** The type code of unsigned bytes, the only one Fashion-MNIST uses. */
    static final int UNSIGNED_BYTE = 0x08;

    /** Reads {@code file}, checking that it holds unsigned bytes of the given rank. */
    public static Idx read(Path file, int rank) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
            return read(new DataInputStream(new BufferedInputStream(in, 1 << 16)), file.toString(), rank);
        }
    }

    static Idx read(DataInputStream in, String name, int rank) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new IOException(name + ": empty or truncated IDX file (no 4-byte magic number)", e);
        }
        int expected = UNSIGNED_BYTE << 8 | rank;
        if (magic != expected) {
            throw new IOException(String.format("%s: magic number 0x%08X, expected 0x%08X (unsigned bytes, %d dimension%s)%s", name, magic,
                expected, rank, rank == 1 ? "" : "s", (magic >>> 16) == 0x1F8B ? "; it looks gzipped, name it .gz" : ""));
        }
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            try {
                dims[i] = in.readInt();
            } catch (EOFException e) {
                throw new IOException(name + ": header ends before size " + i + " of " + rank, e);
            }
            if (dims[i] < 0) {
                throw new IOException(name + ": size " + i + " is negative (" + dims[i] + ")");
            }
            count *= dims[i];
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IOException(name + ": sizes " + Arrays.toString(dims) + " hold " + count + " values, too many for one array");
        }
        byte[] data = new byte[(int) count];
        int read = in.readNBytes(data, 0, data.length);
        if (read != data.length) {
            throw new IOException(name + ": sizes " + Arrays.toString(dims) + " promise " + count + " bytes of data, the file holds " + read);
        }
        if (in.read() != -1) {
            throw new IOException(name + ": more data than the sizes " + Arrays.toString(dims) + " promise (" + count + " bytes)");
        }
        return new Idx(dims, data);
    }

    /** The value at flat position {@code i}, 0 to 255. */
    public int unsigned(int i) {
        return data[i] & 0xFF;
    }
}
