// SPDX-License-Identifier: MIT
package vit.tensor.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * Reads and writes the safetensors format, the checkpoint format of Hugging Face and timm:
 * an 8-byte little-endian header length {@code N}, {@code N} bytes of UTF-8 JSON
 * ({@code {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}}),
 * then the tensors' bytes, offsets counted from the end of the header.
 *
 * <p>Reading is strict: the whole header is checked against the file before any tensor is built, and
 * every problem is a {@link SafeTensorsException} naming the file, the tensor, and the expected and the
 * actual value. F16 and BF16 are widened to float32 exactly; writing produces F32.
 */
public final class SafeTensors {
    /** The reference implementation's limit; a larger header is treated as corrupt. */
    public static final long MAX_HEADER_LENGTH = 100_000_000;

    private SafeTensors() {
    }

    /** Every tensor in {@code file}, by name, in the header's order, on the CPU. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        try (ByteSource source = ByteSource.open(file)) {
            return tensors(source, header(source));
        }
    }

    /** Every tensor in {@code bytes} (a whole file); {@code sourceName} labels error messages. */
    public static Map<String, Tensor> read(byte[] bytes, String sourceName) throws SafeTensorsException {
        try (ByteSource source = ByteSource.of(bytes, sourceName)) {
            return tensors(source, header(source));
        } catch (SafeTensorsException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading an array cannot fail", e);
        }
    }

    /** The {@code __metadata__} strings of {@code file} (empty if it has none), after checking the whole header. */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        try (ByteSource source = ByteSource.open(file)) {
            return header(source).metadata();
        }
    }

    /** Writes {@code tensors} as F32 in the map's order. */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /** Writes {@code tensors} as F32 in the map's order, with {@code metadata} as {@code __metadata__} (if not empty). */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        SafeTensorsWriter.write(file, tensors, metadata);
    }

    /** The bytes {@link #write(Path, Map, Map)} would write. */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            SafeTensorsWriter.write(Channels.newChannel(out), tensors, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** Reads the length field and the header, and checks them against the size of the source. */
    private static Header header(ByteSource source) throws IOException {
        String name = source.name();
        long size = source.size();
        if (size < 8) {
            throw new SafeTensorsException(name, "file has " + size + " bytes, too few for the 8-byte header length");
        }
        long n = source.slice(0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (n < 0 || n > MAX_HEADER_LENGTH) {
            throw new SafeTensorsException(name, "header length " + Long.toUnsignedString(n) + " exceeds the limit of "
                + MAX_HEADER_LENGTH + " bytes (is this a safetensors file?)");
        }
        if (n > size - 8) {
            throw new SafeTensorsException(name, "header length " + n + " exceeds the " + (size - 8)
                + " bytes after the length field (is the file truncated?)");
        }
        byte[] json = new byte[(int) n];
        for (int done = 0; done < n; ) {
            int len = (int) Math.min(ByteSource.CHUNK, n - done);
            source.slice(8 + done, len).get(json, done, len);
            done += len;
        }
        return Header.parse(name, json, size - 8 - n);
    }

    /** Decodes every tensor of a validated header, chunk by chunk. */
    private static Map<String, Tensor> tensors(ByteSource source, Header header) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Header.Entry e : header.entries()) {
            int numel = e.numel();
            int perChunk = ByteSource.CHUNK / e.dtype().size();
            float[] data = new float[numel];
            long position = header.dataStart() + e.begin();
            for (int done = 0; done < numel; ) {
                int count = Math.min(perChunk, numel - done);
                ByteBuffer bytes = source.slice(position, count * e.dtype().size());
                e.dtype().decode(bytes, data, done, count);
                done += count;
                position += (long) count * e.dtype().size();
            }
            out.put(e.name(), Tensor.of(data, Shape.of(e.dims())));
        }
        return out;
    }
}
