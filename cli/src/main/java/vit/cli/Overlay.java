// SPDX-License-Identifier: MIT
package vit.cli;

import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.image.Interpolation;
import vit.tensor.image.Transforms;

/**
 * Draws a {@code g x g} map of patch scores over the picture it came from: the map is scaled to [0, 1],
 * upsampled to the picture (bilinear), coloured from dark blue through yellow to red, and blended half and half.
 */
final class Overlay {
    private Overlay() {
    }

    /**
     * @param image {@code [1, 3, S, S]} or {@code [3, S, S]} in [0, 1]
     * @param map   {@code [g, g]}
     * @return the blend, {@code [3, S, S]} in [0, 1]
     */
    static Tensor blend(Tensor image, Tensor map) {
        Tensor img = image.rank() == 4 ? image.select(0, 0) : image;
        int s = img.size(1);
        int w = img.size(2);
        float[] m = map.contiguous().toFloatArray();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : m) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        float range = hi > lo ? hi - lo : 1f;
        float[] unit = new float[m.length];
        for (int i = 0; i < m.length; i++) {
            unit[i] = (m[i] - lo) / range;
        }
        Tensor up = Transforms.resize(Tensor.of(unit, Shape.of(1, map.size(0), map.size(1))), s, w, Interpolation.BILINEAR);
        float[] heat = up.contiguous().toFloatArray();
        float[] pixels = img.contiguous().toFloatArray();
        float[] out = new float[3 * s * w];
        for (int i = 0; i < s * w; i++) {
            float[] rgb = colour(Math.max(0f, Math.min(1f, heat[i])));
            for (int c = 0; c < 3; c++) {
                out[c * s * w + i] = 0.5f * pixels[c * s * w + i] + 0.5f * rgb[c];
            }
        }
        return Tensor.of(out, Shape.of(3, s, w));
    }

    /** A small "jet"-like ramp: 0 dark blue, 0.5 yellow-green, 1 red. */
    static float[] colour(float t) {
        float r = clamp(1.5f - Math.abs(4f * t - 3f));
        float g = clamp(1.5f - Math.abs(4f * t - 2f));
        float b = clamp(1.5f - Math.abs(4f * t - 1f));
        return new float[] {r, g, b};
    }

    private static float clamp(float v) {
        return Math.max(0f, Math.min(1f, v));
    }
}
