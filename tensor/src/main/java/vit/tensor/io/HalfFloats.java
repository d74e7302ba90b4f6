// SPDX-License-Identifier: MIT
package vit.tensor.io;

/**
 * Widens 16-bit floats to float32, exactly: every float16 and bfloat16 value is a float32 value.
 * ({@code Float.float16ToFloat} would do the first, but it arrived in Java 20.)
 */
final class HalfFloats {
    private HalfFloats() {
    }

    /**
     * IEEE 754 binary16: 1 sign bit, 5 exponent bits (bias 15), 10 mantissa bits.
     * Normal: (-1)^s 2^(e-15) (1 + m/1024); subnormal (e = 0): (-1)^s 2^-14 (m/1024) = (-1)^s m 2^-24;
     * e = 31: infinity (m = 0) or NaN (payload kept in the top mantissa bits).
     */
    static float f16ToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // m * 2^-24 is exact in float32 (m < 2^10); zero keeps its sign through the sign bit.
            float magnitude = mantissa * 0x1p-24f;
            return Float.intBitsToFloat(sign | Float.floatToRawIntBits(magnitude));
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }

    /** bfloat16 is the top half of a float32: 1 sign, 8 exponent and 7 mantissa bits. */
    static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }
}
