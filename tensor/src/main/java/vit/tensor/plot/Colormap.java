// SPDX-License-Identifier: MIT
package vit.tensor.plot;

/**
 * matplotlib's viridis colour scale, the default for attention maps: perceptually uniform, readable in
 * grayscale and by colour-blind readers. Nine anchors ({@code viridis(k / 8)}) joined by straight lines
 * in RGB; the exact scale has 256 entries, but the two never differ by more than a few levels.
 */
public final class Colormap {
    private static final int[] ANCHORS = {
        0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725};

    private Colormap() {
    }

    /** The colour of {@code t} in [0, 1] (clamped; NaN is drawn as 0), as {@code 0xRRGGBB}. */
    public static int viridis(double t) {
        double u = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t)) * (ANCHORS.length - 1);
        int i = Math.min((int) u, ANCHORS.length - 2);
        double f = u - i;
        int a = ANCHORS[i];
        int b = ANCHORS[i + 1];
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int ca = a >> shift & 0xFF;
            int cb = b >> shift & 0xFF;
            rgb |= (int) Math.round(ca + f * (cb - ca)) << shift;
        }
        return rgb;
    }

    /** Where {@code v} falls between {@code min} and {@code max}, in [0, 1]; 0.5 when they are equal. */
    static double scale(double v, double min, double max) {
        return max > min ? (v - min) / (max - min) : 0.5;
    }
}
