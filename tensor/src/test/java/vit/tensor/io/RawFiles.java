// SPDX-License-Identifier: MIT
package vit.tensor.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds safetensors bytes by hand, independently of the writer under test. */
final class RawFiles {
    private RawFiles() {
    }

    /** The 8-byte little-endian length of {@code header}, the header's UTF-8 bytes, then {@code data}. */
    static byte[] file(String header, byte[] data) {
        return file(header.getBytes(StandardCharsets.UTF_8), data);
    }

    static byte[] file(byte[] header, byte[] data) {
        return ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
            .putLong(header.length).put(header).put(data).array();
    }

    /** A file whose data buffer is {@code dataBytes} zero bytes. */
    static byte[] file(String header, int dataBytes) {
        return file(header, new byte[dataBytes]);
    }

    /** The little-endian float32 bytes of {@code values}. */
    static byte[] f32(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** The little-endian bytes of 16-bit values. */
    static byte[] u16(short... values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short v : values) {
            b.putShort(v);
        }
        return b.array();
    }
}
