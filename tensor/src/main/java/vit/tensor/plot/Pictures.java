// SPDX-License-Identifier: MIT
package vit.tensor.plot;

import vit.tensor.Shape;
import vit.tensor.Tensor;

/**
 * Small pictures for {@link Plots#captionedGrid}: a grey image or a map of numbers, each value a block of
 * {@code scale x scale} pixels, as {@code [3, H * scale, W * scale]} RGB in [0, 1].
 */
public final class Pictures {
    private Pictures() {
    }

    /** A grey {@code [H, W]} (or {@code [1, 1, H, W]}) image in [0, 1], enlarged. */
    public static Tensor grey(Tensor image, int scale) {
        float[] v = image.contiguous().toFloatArray();
        int h = image.size(-2);
        int w = image.size(-1);
        if (v.length != h * w) {
            throw new IllegalArgumentException("grey needs one channel, [H, W] or [1, 1, H, W], got " + image.shape());
        }
        return paint(h, w, scale, (y, x) -> {
            float g = Math.max(0, Math.min(1, v[y * w + x]));
            int c = Math.round(g * 255);
            return c << 16 | c << 8 | c;
        });
    }

    /** A {@code [h, w]} map in viridis from its own smallest value to its largest, enlarged. */
    public static Tensor viridis(Tensor map, int scale) {
        if (map.rank() != 2) {
            throw new IllegalArgumentException("viridis needs a [h, w] map, got " + map.shape());
        }
        float[] v = map.contiguous().toFloatArray();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float f : v) {
            lo = Math.min(lo, f);
            hi = Math.max(hi, f);
        }
        double min = lo;
        double max = hi;
        int w = map.size(1);
        return paint(map.size(0), w, scale, (y, x) -> Colormap.viridis(Colormap.scale(v[y * w + x], min, max)));
    }

    private interface Rgb {
        int at(int y, int x);
    }

    private static Tensor paint(int h, int w, int scale, Rgb rgb) {
        int bh = h * scale;
        int bw = w * scale;
        float[] out = new float[3 * bh * bw];
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                int c = rgb.at(y / scale, x / scale);
                int p = y * bw + x;
                out[p] = (c >> 16 & 0xFF) / 255f;
                out[bh * bw + p] = (c >> 8 & 0xFF) / 255f;
                out[2 * bh * bw + p] = (c & 0xFF) / 255f;
            }
        }
        return Tensor.of(out, Shape.of(3, bh, bw));
    }
}
