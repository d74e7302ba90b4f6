// SPDX-License-Identifier: MIT
package vit.tensor.image;

/**
 * The weights of a 1-D antialiased resampling from {@code inSize} to {@code outSize} samples, as PIL's
 * {@code ImagingResample} computes them.
 *
 * <p>Output sample {@code i} sits at {@code center = (i + 0.5) * scale} in input coordinates, with
 * {@code scale = inSize / outSize}. When shrinking ({@code scale > 1}) the kernel is stretched by
 * {@code scale}, so every input pixel contributes (antialiasing); when enlarging it is used as is. The
 * inputs {@code j} in {@code [first, first + count)} get
 * {@code w_j = k((j - center + 0.5) / max(scale, 1))}, normalized to sum to one.
 */
final class ResampleWeights {
    /** PIL keeps 22 fractional bits: 8 for the result, 2 spare for the kernel's overshoot, in a 32-bit int. */
    static final int PRECISION_BITS = 32 - 8 - 2;

    final int outSize;
    /** The first input sample of each output sample. */
    final int[] first;
    /** How many input samples each output sample reads. */
    final int[] count;
    /** {@code weights[i][t]} multiplies input sample {@code first[i] + t}. */
    final double[][] weights;

    ResampleWeights(int inSize, int outSize, Interpolation filter) {
        if (inSize <= 0 || outSize <= 0) {
            throw new IllegalArgumentException("resampling needs positive sizes, got " + inSize + " -> " + outSize);
        }
        this.outSize = outSize;
        this.first = new int[outSize];
        this.count = new int[outSize];
        this.weights = new double[outSize][];
        double scale = (double) inSize / outSize;
        double stretch = Math.max(scale, 1.0);
        double support = filter.support() * stretch;
        double shrink = 1.0 / stretch; // PIL multiplies by the reciprocal; dividing could change the last bit
        for (int i = 0; i < outSize; i++) {
            double center = (i + 0.5) * scale;
            // PIL rounds the window's ends by truncating x + 0.5 (all values here are >= -0.5).
            int lo = Math.max(0, (int) (center - support + 0.5));
            int hi = Math.min(inSize, (int) (center + support + 0.5));
            double[] w = new double[hi - lo];
            double sum = 0.0;
            for (int t = 0; t < w.length; t++) {
                w[t] = filter.kernel((lo + t - center + 0.5) * shrink);
                sum += w[t];
            }
            if (sum != 0.0) {
                for (int t = 0; t < w.length; t++) {
                    w[t] /= sum;
                }
            }
            first[i] = lo;
            count[i] = w.length;
            weights[i] = w;
        }
    }

    /** The weights in PIL's fixed point: {@code w * 2^22}, rounded half away from zero. */
    int[][] fixedPoint() {
        int[][] out = new int[outSize][];
        double one = 1 << PRECISION_BITS;
        for (int i = 0; i < outSize; i++) {
            out[i] = new int[count[i]];
            for (int t = 0; t < count[i]; t++) {
                double w = weights[i][t] * one;
                out[i][t] = (int) (w < 0 ? w - 0.5 : w + 0.5);
            }
        }
        return out;
    }
}
