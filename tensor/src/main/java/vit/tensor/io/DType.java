// SPDX-License-Identifier: MIT
package vit.tensor.io;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.List;

/** The element types this reader turns into float32, with their width and their decoding. */
enum DType {
    F32(4) {
        @Override
        void decode(ByteBuffer littleEndian, float[] out, int offset, int count) {
            FloatBuffer in = littleEndian.asFloatBuffer();
            in.get(out, offset, count);
        }
    },
    F16(2) {
        @Override
        void decode(ByteBuffer littleEndian, float[] out, int offset, int count) {
            ShortBuffer in = littleEndian.asShortBuffer();
            for (int i = 0; i < count; i++) {
                out[offset + i] = HalfFloats.f16ToFloat(in.get(i));
            }
        }
    },
    BF16(2) {
        @Override
        void decode(ByteBuffer littleEndian, float[] out, int offset, int count) {
            ShortBuffer in = littleEndian.asShortBuffer();
            for (int i = 0; i < count; i++) {
                out[offset + i] = HalfFloats.bf16ToFloat(in.get(i));
            }
        }
    };

    /** The other dtypes of the safetensors format: recognised, so the error can say "not supported". */
    static final List<String> UNSUPPORTED = List.of(
        "F64", "I64", "U64", "I32", "U32", "I16", "U16", "I8", "U8", "BOOL",
        "F8_E4M3", "F8_E5M2", "F8_E8M0", "F6_E2M3", "F6_E3M2", "F4", "C64");

    private final int size;

    DType(int size) {
        this.size = size;
    }

    /** Bytes per element. */
    int size() {
        return size;
    }

    /** Widens {@code count} elements at the buffer's position (little-endian) into {@code out[offset..]}. */
    abstract void decode(ByteBuffer littleEndian, float[] out, int offset, int count);

    /** The dtype called {@code name}, or null if this reader does not read it. */
    static DType byName(String name) {
        for (DType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
