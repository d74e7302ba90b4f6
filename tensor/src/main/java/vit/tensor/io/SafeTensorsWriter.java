// SPDX-License-Identifier: MIT
package vit.tensor.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import vit.tensor.Tensor;

/**
 * Writes float32 tensors in the safetensors layout, the way the reference implementation does:
 * compact JSON, {@code __metadata__} first, the header padded with spaces to a multiple of 8 bytes
 * so the data buffer starts 8-byte aligned.
 */
final class SafeTensorsWriter {
    private SafeTensorsWriter() {
    }

    /** Writes to a temporary file beside {@code file}, then moves it into place: no half-written checkpoint. */
    static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
                write(channel, tensors, metadata);
                channel.force(false);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void write(WritableByteChannel out, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        ByteBuffer header = header(tensors, metadata);
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.remaining());
        writeFully(out, length);
        writeFully(out, header);
        ByteBuffer chunk = ByteBuffer.allocateDirect(ByteSource.CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors.values()) {
            float[] data = t.toFloatArray();
            for (int done = 0; done < data.length; ) {
                int count = Math.min(ByteSource.CHUNK / 4, data.length - done);
                chunk.clear();
                chunk.asFloatBuffer().put(data, done, count);
                chunk.limit(count * 4);
                writeFully(out, chunk);
                done += count;
            }
        }
    }

    /** {@code {"__metadata__":{..},"name":{"dtype":"F32","shape":[..],"data_offsets":[b,e]},..}} plus padding. */
    static ByteBuffer header(Map<String, Tensor> tensors, Map<String, String> metadata) {
        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            quote(json, Header.METADATA_KEY).append(":{");
            String sep = "";
            for (Map.Entry<String, String> m : metadata.entrySet()) {
                if (m.getKey() == null || m.getValue() == null) {
                    throw new IllegalArgumentException("metadata entries must not be null: " + m);
                }
                quote(json.append(sep), m.getKey()).append(':');
                quote(json, m.getValue());
                sep = ",";
            }
            json.append('}');
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || name.equals(Header.METADATA_KEY)) {
                throw new IllegalArgumentException("a tensor cannot be named " + name);
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("tensor '" + name + "' is null");
            }
            long bytes = e.getValue().numel() * 4;
            quote(json.append(json.length() > 1 ? "," : ""), name)
                .append(":{\"dtype\":\"F32\",\"shape\":").append(e.getValue().shape().toString().replace(" ", ""))
                .append(",\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        json.append('}');
        for (long pad = (8 - utf8Length(json) % 8) % 8; pad > 0; pad--) {
            json.append(' ');
        }
        try {
            ByteBuffer out = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .encode(CharBuffer.wrap(json));
            if (out.remaining() > SafeTensors.MAX_HEADER_LENGTH) {
                throw new IllegalArgumentException("the header would have " + out.remaining() + " bytes, more than the "
                    + SafeTensors.MAX_HEADER_LENGTH + " readers accept");
            }
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a tensor name or metadata string is not valid Unicode (lone surrogate)", e);
        }
    }

    /** Appends {@code s} as a JSON string; control characters are escaped, the rest is written as is. */
    private static StringBuilder quote(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"');
    }

    private static long utf8Length(CharSequence s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }
}
