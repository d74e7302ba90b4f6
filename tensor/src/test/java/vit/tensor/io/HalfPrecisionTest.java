// SPDX-License-Identifier: MIT
package vit.tensor.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * F16 and BF16 tensors widen to exactly the float32 they stand for. The expected values come from
 * the formats' definitions, computed here in float64 arithmetic and with an arithmetic encoder, not
 * from the reader's bit shifts.
 */
class HalfPrecisionTest {
    /** binary16 by its definition: (-1)^s 2^(e-15) (1 + m/1024), subnormals 2^-14 m/1024, e = 31 inf/NaN. */
    private static double f16Value(int bits) {
        int s = bits >> 15 & 1;
        int e = bits >> 10 & 0x1f;
        int m = bits & 0x3ff;
        double sign = s == 1 ? -1 : 1;
        if (e == 31) {
            return m == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        return e == 0 ? sign * Math.scalb(m / 1024.0, -14) : sign * Math.scalb(1 + m / 1024.0, e - 15);
    }

    /** bfloat16 by its definition: (-1)^s 2^(e-127) (1 + m/128), subnormals 2^-126 m/128. */
    private static double bf16Value(int bits) {
        int s = bits >> 15 & 1;
        int e = bits >> 7 & 0xff;
        int m = bits & 0x7f;
        double sign = s == 1 ? -1 : 1;
        if (e == 255) {
            return m == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        return e == 0 ? sign * Math.scalb(m / 128.0, -126) : sign * Math.scalb(1 + m / 128.0, e - 127);
    }

    /** The binary16 bits of a float that binary16 holds exactly, found by arithmetic (fails otherwise). */
    private static short toF16(float f) {
        int sign = f < 0 || (f == 0 && 1 / f < 0) ? 0x8000 : 0;
        double a = Math.abs((double) f);
        if (Float.isNaN(f)) {
            return (short) 0x7e00;
        } else if (Double.isInfinite(a)) {
            return (short) (sign | 0x7c00);
        } else if (a < 0x1p-14) {
            double m = a / 0x1p-24;
            assertThat(m).as("%s is a float16 subnormal", f).isEqualTo(Math.rint(m));
            return (short) (sign | (int) m);
        }
        int e = Math.getExponent(a);
        double m = (a / Math.scalb(1.0, e) - 1) * 1024;
        assertThat(m).as("%s has a 10-bit mantissa", f).isEqualTo(Math.rint(m));
        assertThat(e).as("%s is in float16's range", f).isBetween(-14, 15);
        return (short) (sign | (e + 15) << 10 | (int) m);
    }

    private static float[] readOne(String dtype, short... bits) throws SafeTensorsException {
        String header = "{\"x\":{\"dtype\":\"" + dtype + "\",\"shape\":[" + bits.length + "],\"data_offsets\":[0,"
            + 2 * bits.length + "]}}";
        return SafeTensors.read(RawFiles.file(header, RawFiles.u16(bits)), dtype + " test").get("x").toFloatArray();
    }

    @Test
    void f16KnownValues() throws Exception {
        float[] values = {1.0f, -2.5f, 65504f, -65504f, 0x1p-24f, 1023 * 0x1p-24f, 0x1p-14f, 0.0f, -0.0f,
            0.333251953125f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        short[] bits = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = toF16(values[i]);
        }
        // The encoder agrees with the bit patterns in IEEE 754's tables.
        assertThat(bits).startsWith((short) 0x3c00, (short) 0xc100, (short) 0x7bff, (short) 0xfbff, (short) 0x0001,
            (short) 0x03ff, (short) 0x0400, (short) 0x0000, (short) 0x8000, (short) 0x3555, (short) 0x7c00, (short) 0xfc00);
        float[] read = readOne("F16", bits);
        System.out.println("F16 [" + values.length + "] " + java.util.Arrays.toString(read));
        for (int i = 0; i < values.length; i++) {
            assertThat(Float.floatToRawIntBits(read[i])).as("F16 %s", values[i]).isEqualTo(Float.floatToRawIntBits(values[i]));
        }
        float[] nans = readOne("F16", toF16(Float.NaN), (short) 0xfc01);
        assertThat(Float.isNaN(nans[0]) && Float.isNaN(nans[1])).as("F16 NaNs %s", java.util.Arrays.toString(nans)).isTrue();
    }

    @Test
    void everyF16BitPatternDecodesExactly() throws Exception {
        short[] all = new short[1 << 16];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) i;
        }
        float[] read = readOne("F16", all);
        for (int i = 0; i < all.length; i++) {
            double expected = f16Value(i);
            if (Double.isNaN(expected)) {
                assertThat(read[i]).as("F16 0x%04x", i).isNaN();
            } else {
                assertThat((double) read[i]).as("F16 0x%04x", i).isEqualTo(expected);
                assertThat(Float.floatToRawIntBits(read[i]) < 0).as("sign of F16 0x%04x", i).isEqualTo(i >= 0x8000);
                assertThat(toF16(read[i])).as("re-encoding F16 0x%04x", i).isEqualTo((short) i);
            }
        }
    }

    @Test
    void everyBf16BitPatternDecodesExactly() throws Exception {
        short[] all = new short[1 << 16];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) i;
        }
        float[] read = readOne("BF16", all);
        for (int i = 0; i < all.length; i++) {
            double expected = bf16Value(i);
            if (Double.isNaN(expected)) {
                assertThat(read[i]).as("BF16 0x%04x", i).isNaN();
            } else {
                assertThat((double) read[i]).as("BF16 0x%04x", i).isEqualTo(expected);
                assertThat(Float.floatToRawIntBits(read[i]) < 0).as("sign of BF16 0x%04x", i).isEqualTo(i >= 0x8000);
            }
        }
        assertThat(readOne("BF16", (short) 0x3f80, (short) 0xc020, (short) 0x7f80, (short) 0x0001))
            .containsExactly(1.0f, -2.5f, Float.POSITIVE_INFINITY, 0x1p-133f);
    }

    @Test
    void mixedDtypesInOneFile() throws Exception {
        String header = "{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
            + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1,1],\"data_offsets\":[4,6]},"
            + "\"c\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[6,10]}}";
        byte[] data = new byte[10];
        System.arraycopy(RawFiles.u16(toF16(1.5f), toF16(-65504f), (short) 0x4049), 0, data, 0, 6);
        System.arraycopy(RawFiles.f32(3.25f), 0, data, 6, 4);
        var t = SafeTensors.read(RawFiles.file(header, data), "mixed");
        assertThat(t.get("a").toFloatArray()).containsExactly(1.5f, -65504f);
        assertThat(t.get("b").toFloatArray()).containsExactly(3.140625f);
        assertThat(t.get("b").shape().toString()).isEqualTo("[1, 1]");
        assertThat(t.get("c").item()).isEqualTo(3.25f);
        assertThat(t.get("c").shape().rank()).isZero();
    }
}
