// SPDX-License-Identifier: MIT
package vit.tensor.image;

/**
 * PIL's two-pass resize on 8-bit samples, bit for bit: first every row is resampled to the new width,
 * then every column of that result to the new height. Each pass computes
 * {@code out = clamp((2^21 + sum_t w_t * in_t) >> 22, 0, 255)} with integer weights {@code w_t} in
 * 22-bit fixed point ({@link ResampleWeights#fixedPoint()}), so the intermediate image is rounded to
 * bytes just as PIL rounds it. A pass whose size does not change is skipped, as PIL skips it.
 */
final class Resample8 {
    private static final int HALF = 1 << (ResampleWeights.PRECISION_BITS - 1);

    private Resample8() {
    }

    static Image8 resize(Image8 in, int height, int width, Interpolation filter) {
        Image8 rows = in.width() == width ? in : horizontal(in, width, filter);
        return rows.height() == height ? rows : vertical(rows, height, filter);
    }

    private static Image8 horizontal(Image8 in, int width, Interpolation filter) {
        ResampleWeights rw = new ResampleWeights(in.width(), width, filter);
        int[][] k = rw.fixedPoint();
        Image8 out = Image8.blank(width, in.height());
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < in.height(); y++) {
                for (int x = 0; x < width; x++) {
                    int acc = HALF;
                    for (int t = 0; t < rw.count[x]; t++) {
                        acc += in.get(c, y, rw.first[x] + t) * k[x][t];
                    }
                    out.set(c, y, x, clip8(acc));
                }
            }
        }
        return out;
    }

    private static Image8 vertical(Image8 in, int height, Interpolation filter) {
        ResampleWeights rw = new ResampleWeights(in.height(), height, filter);
        int[][] k = rw.fixedPoint();
        Image8 out = Image8.blank(in.width(), height);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < in.width(); x++) {
                    int acc = HALF;
                    for (int t = 0; t < rw.count[y]; t++) {
                        acc += in.get(c, rw.first[y] + t, x) * k[y][t];
                    }
                    out.set(c, y, x, clip8(acc));
                }
            }
        }
        return out;
    }

    /** The integer part of a 22-bit fixed-point value, clamped to a byte (an arithmetic shift floors). */
    private static int clip8(int fixed) {
        return Math.max(0, Math.min(255, fixed >> ResampleWeights.PRECISION_BITS));
    }
}
